namespace CustomerSuccess.Actors;

/// <summary>
/// Lets a grain interface method run while another turn of the same activation is awaiting
/// (Orleans' <c>[AlwaysInterleave]</c>). It still runs on the activation's context, so it never
/// runs in parallel with other code of that activation, only between its awaits.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;
