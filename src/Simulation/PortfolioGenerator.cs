using System.Globalization;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Simulation;

/// <summary>
/// Generates a synthetic portfolio with known ground truth: profiles, a history of touchpoints
/// across channels and the archetype each customer follows. Deterministic: each customer has its
/// own random stream derived from (seed, index), so customers can be generated alone, in parallel
/// or streamed, and always come out the same.
/// </summary>
public sealed class PortfolioGenerator
{
    // The mix of a typical book: most customers fine, a tail of the situations the rules are for.
    private static readonly (Archetype Archetype, double Weight)[] Mix =
    [
        (Archetype.SteadyHealthy, 0.34), (Archetype.QuietButHealthy, 0.14), (Archetype.Promoter, 0.12),
        (Archetype.RepeatContactIssue, 0.09), (Archetype.PublicComplaint, 0.05), (Archetype.Detractor, 0.09),
        (Archetype.DriftIntoSilence, 0.09), (Archetype.UsageDeclineBeforeCancellation, 0.08),
    ];

    private static readonly string[] NameFirst =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure Works", "Litware", "Proseware",
        "Lucerne", "Alpine", "Blue Yonder", "Coho", "Fourth Coffee", "Humongous", "Wide World", "Trey",
    ];

    private static readonly string[] NameSecond =
        ["Logistics", "Foods", "Travel", "Bank", "Retail", "Health", "Studios", "Energy", "Labs", "Outfitters"];

    private readonly PortfolioOptions _options;

    public PortfolioGenerator(PortfolioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public static string CustomerId(int index) => string.Create(CultureInfo.InvariantCulture, $"sim-{index + 1:D6}");

    public static string OwnerId(int owner) => string.Create(CultureInfo.InvariantCulture, $"csm-{owner + 1:D2}");

    /// <summary>Generates customer <paramref name="index"/> alone (the same as in <see cref="Generate"/>).</summary>
    public SimulatedCustomer GenerateCustomer(int index) => GenerateCustomer(index, new List<TouchpointEvent>(128));

    /// <summary>
    /// Generates every customer (in parallel) and merges their events in time order. Everything stays
    /// in memory: 100,000 customers x 90 days is ~8.7 M events (~1.5 GB) and takes ~10 s on 2 cores,
    /// mostly collecting the retained graph and sorting; stream with <see cref="GenerateCustomer(int)"/>
    /// (~4 s for the same portfolio) when the whole list is not needed at once.
    /// </summary>
    public SimulatedPortfolio Generate()
    {
        var customers = new SimulatedCustomer[_options.Customers];
        Parallel.For(0, customers.Length, () => new List<TouchpointEvent>(256),
            (i, _, buffer) =>
            {
                customers[i] = GenerateCustomer(i, buffer);
                return buffer;
            },
            _ => { });

        var events = EventTimeOrder.Merge(customers, _options.Start.UtcTicks - _options.Start.UtcTicks % TimeSpan.TicksPerSecond);
        return new SimulatedPortfolio(_options, customers, events);
    }

    private SimulatedCustomer GenerateCustomer(int index, List<TouchpointEvent> buffer)
    {
        var r = new SimRandom(_options.Seed, index);
        var id = CustomerId(index);
        var archetype = index < Mix.Length ? Mix[index].Archetype : Pick(ref r);
        var profile = Profile(ref r, archetype);
        var w = new JourneyWriter(id, _options.Start, _options.End, buffer);

        w.Renewal(Journeys.During(w, ref r, r.Next(0, 10)), profile.RenewalDate!.Value);
        var monthly = decimal.Round(profile.AnnualValue / 12, 2);
        var lastDay = Journeys.LastDay(w);
        string? issueId = null;
        DateTimeOffset? cancelsAt = null;
        switch (archetype)
        {
            case Archetype.SteadyHealthy:
                Journeys.WorkdayUsage(w, ref r, 0, lastDay);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                Journeys.RoutineSupport(w, ref r, r.Next(0, 3));
                break;
            case Archetype.QuietButHealthy:
                Journeys.SparseUsage(w, ref r);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                break;
            case Archetype.Promoter:
                Journeys.WorkdayUsage(w, ref r, 0, lastDay);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                Journeys.RoutineSupport(w, ref r, r.Next(0, 2));
                Journeys.Promoter(w, ref r);
                break;
            case Archetype.RepeatContactIssue:
                Journeys.WorkdayUsage(w, ref r, 0, lastDay);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                issueId = Journeys.RepeatContactIssue(w, ref r);
                break;
            case Archetype.PublicComplaint:
                Journeys.WorkdayUsage(w, ref r, 0, lastDay);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                Journeys.RoutineSupport(w, ref r, r.Next(0, 2));
                Journeys.PublicComplaint(w, ref r);
                break;
            case Archetype.Detractor:
                Journeys.WorkdayUsage(w, ref r, 0, lastDay);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                Journeys.RoutineSupport(w, ref r, r.Next(0, 3));
                Journeys.Detractor(w, ref r);
                break;
            case Archetype.DriftIntoSilence:
                var silentFrom = lastDay - r.Next(21, 36);
                Journeys.DriftingUsage(w, ref r, silentFrom - r.Next(14, 26), silentFrom);
                Journeys.MonthlyPurchases(w, ref r, monthly, DateTimeOffset.MaxValue);
                break;
            case Archetype.UsageDeclineBeforeCancellation:
                Journeys.DecliningUsage(w, ref r, lastDay - 35);
                var failedAt = w.End.AddSeconds(-r.Next(2 * 86_400, 6 * 86_400));
                Journeys.MonthlyPurchases(w, ref r, monthly, failedAt);
                w.Add(TouchpointType.PaymentFailed, failedAt, Channel.Billing, value: monthly);
                cancelsAt = w.End.AddDays(r.Next(7, 31));
                break;
        }

        var truth = new GroundTruth(archetype, ExpectedRules(archetype), issueId, cancelsAt);
        return new SimulatedCustomer(id, profile, truth, w.ToSortedArray());
    }

    private CustomerProfile Profile(ref SimRandom r, Archetype archetype)
    {
        var name = $"{r.Pick(NameFirst)} {r.Pick(NameSecond)}";
        var tier = r.NextDouble();
        var (segment, value) = tier < 0.1 ? ("enterprise", r.Between(50_000, 500_000))
            : tier < 0.4 ? ("mid-market", r.Between(10_000, 50_000))
            : ("smb", r.Between(1_000, 10_000));
        var owner = r.Chance(0.03) ? null : OwnerId(r.Next(0, _options.Owners));
        // Healthy customers renew beyond the 90-day horizon so their boards stay empty; the others
        // may renew soon, which is when their risk matters most.
        var healthy = archetype is Archetype.SteadyHealthy or Archetype.QuietButHealthy or Archetype.Promoter;
        var renewal = new DateTimeOffset(_options.End.UtcDateTime.Date, TimeSpan.Zero).AddDays(healthy ? r.Next(100, 400) : r.Next(20, 365));
        return new CustomerProfile(name, segment, owner, decimal.Round((decimal)value, 0), renewal);
    }

    private static Archetype Pick(ref SimRandom r)
    {
        var x = r.NextDouble();
        foreach (var (archetype, weight) in Mix)
        {
            if ((x -= weight) < 0)
            {
                return archetype;
            }
        }

        return Archetype.SteadyHealthy;
    }

    private static IReadOnlyList<RuleId> ExpectedRules(Archetype archetype) => archetype switch
    {
        Archetype.Promoter => [RuleId.Promoter],
        Archetype.RepeatContactIssue => [RuleId.UnresolvedEffort],
        Archetype.PublicComplaint => [RuleId.PublicComplaint],
        Archetype.Detractor => [RuleId.Detractor],
        Archetype.DriftIntoSilence => [RuleId.GoneQuiet],
        Archetype.UsageDeclineBeforeCancellation => [RuleId.UsageDrop, RuleId.PaymentFailed],
        _ => [],
    };
}
