namespace CustomerSuccess.Api.Validation;

/// <summary>
/// One problem with a request body. <see cref="Index"/> is the event's position in a batch, null for
/// a field of the request itself.
/// </summary>
public sealed record FieldError(int? Index, string Field, string Message);
