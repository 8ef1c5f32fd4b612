using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Api.Tasks;

/// <summary>A page of a CSM's live tasks, most urgent first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record TaskPage(string? OwnerId, IReadOnlyList<OutreachTask> Tasks, string? NextCursor);

/// <summary>Body of POST /v1/tasks/{id}/complete (documentation).</summary>
public sealed record CompleteTaskRequest(string Outcome, string? Note);

/// <summary>Body of POST /v1/tasks/{id}/snooze (documentation).</summary>
public sealed record SnoozeTaskRequest(DateTimeOffset Until);

/// <summary>Body of POST /v1/tasks/{id}/dismiss (documentation).</summary>
public sealed record DismissTaskRequest(string Reason);
