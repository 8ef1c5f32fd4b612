using System.Text.Json;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Domain.Tasks;

/// <summary>
/// The stored form of a task, in a customer's state and in the tasks table: one-letter names, times
/// as UTC ticks, no customer id when the task id already starts with it, and no title or suggested
/// action when it is the rule's usual one (<see cref="RuleTexts"/>). Tasks were the largest part of a
/// stored customer state, and most of a task's bytes were its property names, its three ISO times,
/// the customer id it repeats and the sentences every task of its rule repeats; every checkpoint and
/// every task row wrote them.
/// Reads both this form and the record's own camel-case form, so states and rows stored before
/// read back unchanged. The API shows tasks in the record's form; this one is only for storage.
/// </summary>
/// <remarks>
/// "i" id, "k" customer id (only when the id does not give it), "o" owner, "r" rule, "p" priority,
/// "t" title and "a" suggested action (only when not the rule's usual ones), "w" reason, "e" evidence,
/// "c" created, "d" due, "s" state,
/// "u" updated, "z" snoozed until, "x" resolution, "n" note, "y" replied at. Times as <see cref="StoredTime"/> keeps them.
/// </remarks>
public static class StoredTaskJson
{
    /// <summary>The task's stored form as UTF-8 bytes.</summary>
    public static byte[] Serialize(OutreachTask task) => JsonBytes.Write(task, Write);

    /// <summary>A task from its stored bytes, in either form.</summary>
    public static OutreachTask Deserialize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return Read(ref reader);
    }

    public static void Write(Utf8JsonWriter writer, OutreachTask task)
    {
        writer.WriteStartObject();
        writer.WriteString("i"u8, task.Id);
        if (!TaskId.TryGetCustomerIdLength(task.Id, out var length) || !task.Id.AsSpan(0, length).SequenceEqual(task.CustomerId))
        {
            writer.WriteString("k"u8, task.CustomerId);
        }

        if (task.OwnerId is { } owner)
        {
            writer.WriteString("o"u8, owner);
        }

        writer.WriteNumber("r"u8, (int)task.Rule);
        writer.WriteNumber("p"u8, task.Priority);
        if (!string.Equals(task.Title, RuleTexts.UsualTitle(task.Rule), StringComparison.Ordinal))
        {
            writer.WriteString("t"u8, task.Title);
        }

        writer.WriteString("w"u8, task.Reason);
        writer.WriteStartArray("e"u8);
        foreach (var evidence in task.Evidence)
        {
            writer.WriteStringValue(evidence);
        }

        writer.WriteEndArray();
        if (!string.Equals(task.SuggestedAction, RuleTexts.UsualAction(task.Rule), StringComparison.Ordinal))
        {
            writer.WriteString("a"u8, task.SuggestedAction);
        }

        StoredTime.Write(writer, "c"u8, task.CreatedAt);
        StoredTime.Write(writer, "d"u8, task.DueAt);
        writer.WriteNumber("s"u8, (int)task.State);
        StoredTime.Write(writer, "u"u8, task.UpdatedAt);
        if (task.SnoozedUntil is { } until)
        {
            StoredTime.Write(writer, "z"u8, until);
        }

        if (task.Resolution is { } resolution)
        {
            writer.WriteString("x"u8, resolution);
        }

        if (task.Note is { } note)
        {
            writer.WriteString("n"u8, note);
        }

        if (task.RepliedAt is { } replied)
        {
            StoredTime.Write(writer, "y"u8, replied);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one task, the reader on its start; leaves the reader on its end.</summary>
    public static OutreachTask Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a stored task, found {reader.TokenType}.");
        }

        string? id = null, customerId = null, ownerId = null, title = null, reason = null, action = null, resolution = null, note = null;
        IReadOnlyList<string> evidence = [];
        var rule = default(RuleId);
        var priority = 0;
        var state = default(TaskState);
        DateTimeOffset created = default, due = default, updated = default;
        DateTimeOffset? snoozedUntil = null, repliedAt = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "i" or "id": id = reader.GetString(); break;
                case "k" or "customerId": customerId = reader.GetString(); break;
                case "o" or "ownerId": ownerId = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "r" or "rule": rule = (RuleId)reader.GetInt32(); break;
                case "p" or "priority": priority = reader.GetInt32(); break;
                case "t" or "title": title = reader.GetString(); break;
                case "w" or "reason": reason = reader.GetString(); break;
                case "e" or "evidence": evidence = ReadStrings(ref reader); break;
                case "a" or "suggestedAction": action = reader.GetString(); break;
                case "c" or "createdAt": created = StoredTime.Read(ref reader); break;
                case "d" or "dueAt": due = StoredTime.Read(ref reader); break;
                case "s" or "state": state = (TaskState)reader.GetInt32(); break;
                case "u" or "updatedAt": updated = StoredTime.Read(ref reader); break;
                case "z" or "snoozedUntil": snoozedUntil = StoredTime.ReadNullable(ref reader); break;
                case "x" or "resolution": resolution = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "n" or "note": note = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "y" or "repliedAt": repliedAt = StoredTime.ReadNullable(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (id is null)
        {
            throw new JsonException("A stored task has no id.");
        }

        if (customerId is null && !TaskId.TryGetCustomerId(id, out customerId))
        {
            throw new JsonException($"Stored task {id} names no customer.");
        }

        // A title or action left out is the rule's usual one.
        title ??= RuleTexts.UsualTitle(rule) ?? "";
        action ??= RuleTexts.UsualAction(rule) ?? "";
        return new OutreachTask(id, customerId, ownerId, rule, priority, title, reason ?? "", evidence, action,
            created, due, state, updated, snoozedUntil, resolution, note, repliedAt);
    }

    private static string[] ReadStrings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a task's evidence, found {reader.TokenType}.");
        }

        var values = new List<string>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetString() ?? "");
        }

        return [.. values];
    }
}
