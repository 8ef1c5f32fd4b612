namespace CustomerSuccess.Silo.EventLog;

/// <summary>
/// An event as the log stores it: its idempotency key, its customer and partition, when it
/// happened, and its payload (the event's JSON as accepted by the API).
/// </summary>
public sealed record LogEvent(string EventId, string CustomerId, int Partition, DateTimeOffset OccurredAt, byte[] Payload);
