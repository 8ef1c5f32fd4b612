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
        rule = default;
        return name is not null && TryParse(name.AsSpan(), out rule);
    }

    /// <summary>As <see cref="TryParse(string?, out RuleId)"/>, for a name inside a longer string (a task id).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out RuleId rule)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                rule = (RuleId)i;
                return true;
            }
        }

        rule = default;
        return false;
    }
}
