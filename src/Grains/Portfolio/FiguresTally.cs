using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// The running counts behind one scope's <see cref="PortfolioFigures"/>. A customer and the tasks
/// completed on it are added apart: a completed task counts for the CSM whose list it was on, who
/// need not own the customer now.
/// </summary>
internal sealed class FiguresTally(PortfolioWindows windows)
{
    private readonly int[] _withinHours = new int[OutreachSpeed.HoursBounds.Count + 1];
    private readonly int[] _byRule = new int[RuleNames.Count];
    private readonly List<string> _entered = [];
    private int _customers, _healthy, _watch, _atRisk, _promoters, _passives, _detractors, _churned, _churnedRecently, _done, _onTime;
    private decimal _valueAtRisk, _valueChurned, _valueChurnedRecently;

    public void AddCustomer(PortfolioEntry entry)
    {
        _customers++;
        for (var r = 0; r < _byRule.Length && r < entry.OpenTasksByRule.Count; r++)
        {
            _byRule[r] += entry.OpenTasksByRule[r];
        }

        // A cancelled customer's score is at risk by construction (its commercial component is 0),
        // but its value is lost, not at risk.
        if (entry.ChurnedAt is { } cancelled)
        {
            _churned++;
            _valueChurned += entry.AnnualValue;
            if (cancelled >= windows.ChurnedSince)
            {
                _churnedRecently++;
                _valueChurnedRecently += entry.AnnualValue;
            }

            return;
        }

        switch (entry.Band)
        {
            case HealthBand.Healthy: _healthy++; break;
            case HealthBand.Watch: _watch++; break;
            case HealthBand.AtRisk:
                _atRisk++;
                _valueAtRisk += entry.AnnualValue;
                break;
        }

        // An entry stored before answers were dated counts until its customer sends it again.
        switch (entry.LatestNpsAt is { } answered && answered < windows.NpsSince ? null : entry.LatestNps)
        {
            case >= 9: _promoters++; break;
            case >= 7: _passives++; break;
            case not null: _detractors++; break;
        }

        if (entry.Band == HealthBand.AtRisk && entry.EnteredAtRiskAt >= windows.EnteredAtRiskSince)
        {
            _entered.Add(entry.CustomerId);
        }
    }

    /// <summary>Counts a completed task if it was completed within the window; says whether it was.</summary>
    public bool AddOutreach(OutreachDone done)
    {
        if (done.DoneAt < windows.OutreachSince)
        {
            return false;
        }

        _done++;
        _onTime += done.OnTime ? 1 : 0;
        _withinHours[HoursBucket(done.TimeToDone)]++;
        return true;
    }

    public PortfolioFigures ToFigures() =>
        new(_customers, _healthy, _watch, _atRisk, _valueAtRisk, _promoters, _passives, _detractors, _entered, _byRule, _churned, _valueChurned,
            new OutreachSpeed(_done, _onTime, _withinHours), _churnedRecently, _valueChurnedRecently);

    // The first bucket whose bound the time reaches no further than; the last holds the rest.
    private static int HoursBucket(TimeSpan timeToDone)
    {
        var bounds = OutreachSpeed.HoursBounds;
        for (var b = 0; b < bounds.Count; b++)
        {
            if (timeToDone <= TimeSpan.FromHours(bounds[b]))
            {
                return b;
            }
        }

        return bounds.Count;
    }
}
