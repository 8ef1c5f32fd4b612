using System.Text.Json;

namespace CustomerSuccess.Api.Events;

/// <summary>
/// The properties of one event object, found in a single pass over it. Looking each of the 13 fields
/// up by name scanned the object 13 times and transcoded each name to UTF-8 each time; this pass
/// compares UTF-8 names once. A field given twice keeps its last value, as a lookup by name did;
/// unknown properties are ignored, as before. Absent fields are default (<see cref="JsonValueKind.Undefined"/>).
/// </summary>
public struct EventFields
{
    public JsonElement Id;
    public JsonElement CustomerId;
    public JsonElement Type;
    public JsonElement OccurredAt;
    public JsonElement Channel;
    public JsonElement IssueId;
    public JsonElement Sentiment;
    public JsonElement Score;
    public JsonElement Public;
    public JsonElement Reach;
    public JsonElement Value;
    public JsonElement WaitSeconds;
    public JsonElement Attributes;

    public static EventFields Of(JsonElement element)
    {
        var fields = default(EventFields);
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("id"u8)) { fields.Id = value; }
            else if (property.NameEquals("customerId"u8)) { fields.CustomerId = value; }
            else if (property.NameEquals("type"u8)) { fields.Type = value; }
            else if (property.NameEquals("occurredAt"u8)) { fields.OccurredAt = value; }
            else if (property.NameEquals("channel"u8)) { fields.Channel = value; }
            else if (property.NameEquals("issueId"u8)) { fields.IssueId = value; }
            else if (property.NameEquals("sentiment"u8)) { fields.Sentiment = value; }
            else if (property.NameEquals("score"u8)) { fields.Score = value; }
            else if (property.NameEquals("public"u8)) { fields.Public = value; }
            else if (property.NameEquals("reach"u8)) { fields.Reach = value; }
            else if (property.NameEquals("value"u8)) { fields.Value = value; }
            else if (property.NameEquals("waitSeconds"u8)) { fields.WaitSeconds = value; }
            else if (property.NameEquals("attributes"u8)) { fields.Attributes = value; }
        }

        return fields;
    }
}
