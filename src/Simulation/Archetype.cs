namespace CustomerSuccess.Simulation;

/// <summary>The journey a simulated customer follows: its ground truth (DOMAIN.md's situations).</summary>
public enum Archetype
{
    /// <summary>Uses the product every working day, pays, a satisfied contact now and then.</summary>
    SteadyHealthy,

    /// <summary>Uses the product every week or two, never complains: healthy, not a risk.</summary>
    QuietButHealthy,

    /// <summary>Steady user who answered NPS 9-10 recently.</summary>
    Promoter,

    /// <summary>One open issue that took three contacts over two channels and is still unresolved.</summary>
    RepeatContactIssue,

    /// <summary>A negative public social mention with reach, unanswered.</summary>
    PublicComplaint,

    /// <summary>A recent NPS of 0-6 (sometimes with a CSAT of 1-2).</summary>
    Detractor,

    /// <summary>A regular user whose activity thins out, then stops weeks before the end.</summary>
    DriftIntoSilence,

    /// <summary>A heavy user whose usage falls over the last five weeks, with a failed payment; cancels after the window.</summary>
    UsageDeclineBeforeCancellation,
}
