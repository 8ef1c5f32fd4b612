using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerSuccess.Grains.Domain.Engagement;

/// <summary>
/// Stores a <see cref="UsageState"/> as the days it can still answer for: <c>"window":[first day,
/// count, count, …]</c>, one count per day from the oldest day in the window that has usage to the
/// newest. The ring's two arrays were stored whole, mostly zeros, and were ~5 % of a stored
/// state. A slot still holding a day before that window (no usage since in its place of the ring) is
/// kept exactly too, as <c>"older":[day, count, …]</c>, so a state reads back as it was whatever the
/// clock. The ring form (<c>"days"</c> and <c>"counts"</c>), written before schema version 12, reads
/// back unchanged. Every form is read day by day, so a state stored with a ring of another size (35
/// days, before the window took the 7 whole days before today) reads back into this one.
/// </summary>
public sealed class UsageStateJsonConverter : JsonConverter<UsageState>
{
    public override UsageState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var state = new UsageState();
        List<int>? ringDays = null;
        List<int>? ringCounts = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object for stored usage, found {reader.TokenType}.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "window":
                    ReadWindow(ref reader, state);
                    break;
                case "older":
                    var older = ReadInts(ref reader);
                    for (var i = 0; i + 1 < older.Count; i += 2)
                    {
                        Set(state, older[i], older[i + 1]);
                    }

                    break;
                case "days":
                    ringDays = ReadInts(ref reader);
                    break;
                case "counts":
                    ringCounts = ReadInts(ref reader);
                    break;
                case "firstDay":
                    state.FirstDay = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
                    break;
                case "lastDay":
                    state.LastDay = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        for (var i = 0; ringDays is not null && ringCounts is not null && i < ringDays.Count && i < ringCounts.Count; i++)
        {
            Set(state, ringDays[i], ringCounts[i]);
        }

        // Sums read no day after the last one (Usage.Sum): a stored form that lost it still counts its days.
        for (var slot = 0; slot < UsageState.WindowDays; slot++)
        {
            if (state.Counts[slot] > 0 && (state.LastDay is not { } last || state.Days[slot] > last))
            {
                state.LastDay = state.Days[slot];
            }
        }

        return state;
    }

    public override void Write(Utf8JsonWriter writer, UsageState value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("window"u8);
        var newest = 0;
        for (var slot = 0; slot < UsageState.WindowDays; slot++)
        {
            if (value.Counts[slot] > 0 && value.Days[slot] > newest)
            {
                newest = value.Days[slot];
            }
        }

        if (newest > 0)
        {
            var first = newest;
            for (var day = newest - UsageState.WindowDays + 1; day < newest; day++)
            {
                if (Usage.On(value, day) > 0)
                {
                    first = day;
                    break;
                }
            }

            writer.WriteNumberValue(first);
            for (var day = first; day <= newest; day++)
            {
                writer.WriteNumberValue(Usage.On(value, day));
            }
        }

        writer.WriteEndArray();
        var oldestInWindow = newest - UsageState.WindowDays + 1;
        var anyOlder = false;
        for (var slot = 0; slot < UsageState.WindowDays; slot++)
        {
            if (value.Counts[slot] > 0 && value.Days[slot] < oldestInWindow)
            {
                if (!anyOlder)
                {
                    writer.WriteStartArray("older"u8);
                    anyOlder = true;
                }

                writer.WriteNumberValue(value.Days[slot]);
                writer.WriteNumberValue(value.Counts[slot]);
            }
        }

        if (anyOlder)
        {
            writer.WriteEndArray();
        }

        if (value.FirstDay is { } firstDay)
        {
            writer.WriteNumber("firstDay"u8, firstDay);
        }

        if (value.LastDay is { } lastDay)
        {
            writer.WriteNumber("lastDay"u8, lastDay);
        }

        writer.WriteEndObject();
    }

    private static void ReadWindow(ref Utf8JsonReader reader, UsageState state)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return;
        }

        var day = reader.GetInt32();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Set(state, day, reader.GetInt32());
            day++;
        }
    }

    // As Usage.Apply: a slot keeps its newest day. A state stored with a ring of another size can hold two
    // days that share a slot of this one; the older is past the window this ring answers for.
    private static void Set(UsageState state, int day, int count)
    {
        if (count > 0 && state.Days[day % UsageState.WindowDays] < day)
        {
            var slot = day % UsageState.WindowDays;
            state.Days[slot] = day;
            state.Counts[slot] = count;
        }
    }

    private static List<int> ReadInts(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var values = new List<int>(UsageState.WindowDays);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetInt32());
        }

        return values;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in stored usage, found {reader.TokenType}.");
        }
    }
}
