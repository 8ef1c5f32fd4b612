namespace CustomerSuccess.Grains.Interfaces.Tasks;

/// <summary>The rules that raise tasks (DOMAIN.md). Wire names are in <see cref="RuleNames"/>.</summary>
public enum RuleId
{
    AwaitingReply,
    UnresolvedEffort,
    PublicComplaint,
    Detractor,
    Promoter,
    GoneQuiet,
    UsageDrop,
    HealthDrop,
    RenewalRisk,
    PaymentFailed,
}

/// <summary>Stable names of the rules ("awaiting-reply"), used in task ids and by the API.</summary>
public static class RuleNames
{
    private static readonly string[] Names =
    [
        "awaiting-reply", "unresolved-effort", "public-complaint", "detractor", "promoter",
        "gone-quiet", "usage-drop", "health-drop", "renewal-risk", "payment-failed",
    ];

    public const int Count = 10;

    public static IReadOnlyList<string> All => Names;

    public static string ToName(this RuleId rule) => Names[(int)rule];

    public static bool TryParse(string? name, out RuleId rule)
    {
        var index = Array.IndexOf(Names, name);
        rule = index < 0 ? default : (RuleId)index;
        return index >= 0;
    }
}
