using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Simulation;

/// <summary>
/// What the generator knows about a customer and the engine must discover: its archetype and the
/// rules its journey should raise by the end of the history. <see cref="ExpectedRules"/> is what
/// must fire; other rules may fire too (a detractor's health can drop), except for the healthy
/// archetypes, whose list is empty and which should raise nothing.
/// </summary>
public sealed record GroundTruth(
    Archetype Archetype,
    IReadOnlyList<RuleId> ExpectedRules,
    string? IssueId = null,
    DateTimeOffset? CancelsAt = null);
