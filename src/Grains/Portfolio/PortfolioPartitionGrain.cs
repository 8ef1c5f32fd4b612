using CustomerSuccess.Actors;
using CustomerSuccess.Grains.Interfaces.Portfolio;

namespace CustomerSuccess.Grains.Portfolio;

/// <summary>
/// One slice of the portfolio. Customer grains push their entry only when it changes, so the
/// figures are always current without any per-event traffic. A partition holds many customers, so
/// it writes the entries that changed on a timer and at deactivation instead of per update, and when
/// asked (<see cref="IPortfolioPartitionGrain.SaveAsync"/>): by a customer that wrote its own state
/// outside a checkpoint, and by the log checkpointer before it stores a watermark. A crash then loses
/// only entries whose events the log replays, and a replayed customer re-sends its entry.
/// </summary>
/// <remarks>
/// A partition reads its stored entries only when a query needs them: updates before that are kept
/// and written as they are (a write needs only the changed entries), and laid over the stored ones
/// when those arrive. A restart's replay re-sends the entries of every customer it touches, and
/// neither those customers nor the restart should wait for a million stored rows no one asked for.
/// </remarks>
public sealed class PortfolioPartitionGrain(IPortfolioEntryStore store, CheckpointSettings? checkpoints = null)
    : Grain, IPortfolioPartitionGrain
{
    // Until the stored entries are merged in, this holds only the updates received since activation.
    private Dictionary<string, PortfolioEntry> _entries = new(StringComparer.Ordinal);
    private HashSet<string> _changed = new(StringComparer.Ordinal);
    private Task<Dictionary<string, PortfolioEntry>>? _loading;
    private bool _loaded;
    private bool _writesOnTimer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = checkpoints ?? CheckpointSettings.Default;
        _writesOnTimer = settings.HasTimer;
        if (settings.HasTimer)
        {
            RegisterGrainTimer(static (self, _) => self.SaveChangesAsync(), this, settings.Interval, settings.Interval);
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => SaveChangesAsync();

    public Task UpdateAsync(PortfolioEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_loaded && _loading is { IsCompletedSuccessfully: true } loading)
        {
            Merge(loading.Result);
        }

        // Every activation of a customer re-sends its entry; an unchanged one costs no write.
        if (!_loaded || !_entries.TryGetValue(entry.CustomerId, out var known) || !known.Equals(entry))
        {
            _entries[entry.CustomerId] = entry;
            _changed.Add(entry.CustomerId);
        }

        return Task.CompletedTask;
    }

    // Without a timer (memory mode) the storage dies with the process: writing sooner saves nothing.
    public Task SaveAsync() => _writesOnTimer ? SaveChangesAsync() : Task.CompletedTask;

    public async Task<PortfolioFigures> GetFiguresAsync(string? segment, string? ownerId, PortfolioWindows windows)
    {
        await EnsureLoadedAsync();
        return PortfolioFiguresCalculator.Figures(_entries.Values, segment, ownerId, windows);
    }

    public async Task<IReadOnlyDictionary<PortfolioScope, PortfolioFigures>> GetFiguresOfEveryScopeAsync(PortfolioWindows windows)
    {
        await EnsureLoadedAsync();
        return PortfolioFiguresCalculator.FiguresOfEveryScope(_entries.Values, windows);
    }

    private async Task EnsureLoadedAsync()
    {
        if (_loaded)
        {
            return;
        }

        Dictionary<string, PortfolioEntry> stored;
        try
        {
            stored = await (_loading ??= store.LoadAsync(GetPrimaryKeyString(), CancellationToken.None));
        }
        catch
        {
            // Storage unreachable: this caller fails, the next one tries again.
            _loading = null;
            throw;
        }

        // An update or another waiting turn may have merged while this one waited.
        if (!_loaded)
        {
            Merge(stored);
        }
    }

    private void Merge(Dictionary<string, PortfolioEntry> stored)
    {
        // The store's dictionary is kept (in memory mode it is the grain state that gets written);
        // the updates received meanwhile are newer than anything stored.
        foreach (var (customerId, entry) in _entries)
        {
            stored[customerId] = entry;
        }

        _entries = stored;
        _loaded = true;
    }

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
