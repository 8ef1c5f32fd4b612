using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// One slice of the portfolio. Customer grains push their entry only when it changes, so the
/// figures are always current without any per-event traffic. A partition holds many customers, so
/// it writes the entries that changed on a timer and at deactivation instead of per update;
/// customer grains re-send their entry on activation, which repairs what a crash lost.
/// </summary>
public sealed class PortfolioPartitionGrain(IPortfolioEntryStore store, CheckpointSettings? checkpoints = null)
    : Grain, IPortfolioPartitionGrain
{
    private Dictionary<string, PortfolioEntry> _entries = [];
    private HashSet<string> _changed = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _entries = await store.LoadAsync(GetPrimaryKeyString(), cancellationToken);
        var interval = (checkpoints ?? CheckpointSettings.Default).Interval;
        RegisterGrainTimer(static (self, _) => self.SaveChangesAsync(), this, interval, interval);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveChangesAsync();

    public Task UpdateAsync(PortfolioEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Every activation of a customer re-sends its entry; an unchanged one costs no write.
        if (!_entries.TryGetValue(entry.CustomerId, out var known) || !known.Equals(entry))
        {
            _entries[entry.CustomerId] = entry;
            _changed.Add(entry.CustomerId);
        }

        return Task.CompletedTask;
    }

    public Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, DateTimeOffset enteredAtRiskSince) =>
        Task.FromResult(PortfolioFiguresCalculator.Figures(_entries.Values, segment, ownerId, enteredAtRiskSince));

    private async Task SaveChangesAsync()
    {
        if (_changed.Count == 0)
        {
            return;
        }

        // Updates interleave with the write: they collect in a fresh set for the next one.
        var changed = _changed;
        _changed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await store.SaveAsync(GetPrimaryKeyString(), _entries, changed, CancellationToken.None);
        }
        catch
        {
            _changed.UnionWith(changed);
            throw;
        }
    }
}
