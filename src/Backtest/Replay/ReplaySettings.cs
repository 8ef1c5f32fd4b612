using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>
/// The rule and health settings a backtest runs with, from a JSON file such as
/// <c>{"rules": {"effortContacts": 3, "effortMaxAge": "2.00:00:00"}, "health": {"healthyFrom": 75}}</c>.
/// Property names are those of <see cref="RuleSettings"/> and <see cref="HealthSettings"/> in camelCase,
/// durations are "d.hh:mm:ss"; anything left out keeps DOMAIN.md's default. An unknown name is an error,
/// so a typo cannot silently leave a default in place.
/// </summary>
public sealed record ReplaySettings
{
    // Reflection-based on purpose: the source generator sets every init-only property it does not find
    // in the JSON to its type's default (0, 00:00:00) instead of keeping the property's initial value,
    // which would turn each setting left out into a zero rather than DOMAIN.md's default.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public RuleSettings Rules { get; init; } = RuleSettings.Default;

    public HealthSettings Health { get; init; } = HealthSettings.Default;

    public static ReplaySettings Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var settings = JsonSerializer.Deserialize<ReplaySettings>(stream, Options)
                ?? throw new InvalidDataException($"{path}: the settings file is empty (null).");
            var problems = settings.Rules.Problems().Select(p => $"rules: {p}").Concat(settings.Health.Problems().Select(p => $"health: {p}")).ToList();
            return problems.Count == 0 ? settings : throw new InvalidDataException($"{path}: {string.Join(" ", problems)}");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }
}
