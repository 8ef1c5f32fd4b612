namespace CustomerSuccess.Grains.Interfaces.Health;

/// <summary>One component's score, the weight it actually got (after sharing the weight of components without data) and why.</summary>
public sealed record ComponentScore(HealthComponent Component, int Score, double Weight, IReadOnlyList<string> Reasons);

/// <summary>A customer's health at <see cref="At"/>. <see cref="Score"/> is null while no component has data.</summary>
public sealed record HealthSnapshot(int? Score, HealthBand? Band, DateTimeOffset At, IReadOnlyList<ComponentScore> Components);

/// <summary>One recorded change of the score and what caused it (an event id or a deadline).</summary>
public sealed record ScoreChange(DateTimeOffset At, int? From, int To, string Cause);
