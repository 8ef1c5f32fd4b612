using System.Threading.Channels;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// Group commit: callers enqueue items and await them; one loop writes whatever has gathered
/// in one round trip, so the batch grows exactly as fast as the database is slow. No timer, no
/// added latency when the load is light.
/// </summary>
internal sealed class GroupCommitQueue<TItem> : IAsyncDisposable where TItem : IGroupCommitItem
{
    private readonly Channel<TItem> _pending = Channel.CreateUnbounded<TItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<List<TItem>, CancellationToken, Task> _flush;
    private readonly int _maxBatch;
    private readonly Func<TItem, int>? _weight;
    private readonly int _maxWeight;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    /// <param name="flush">Writes a batch in one round trip.</param>
    /// <param name="maxBatch">At most this many items per batch.</param>
    /// <param name="weight">An item's size (e.g. its rows), when batches are bounded by size as well.</param>
    /// <param name="maxWeight">At most this much weight per batch; a single heavier item still goes alone.</param>
    public GroupCommitQueue(Func<List<TItem>, CancellationToken, Task> flush, int maxBatch, Func<TItem, int>? weight = null, int maxWeight = int.MaxValue)
    {
        _flush = flush;
        _maxBatch = maxBatch;
        _weight = weight;
        _maxWeight = maxWeight;
        _loop = Task.Run(RunAsync);
    }

    public void Enqueue(TItem item)
    {
        if (!_pending.Writer.TryWrite(item))
        {
            item.Fail(new ObjectDisposedException(nameof(GroupCommitQueue<TItem>), "The storage is shutting down."));
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<TItem>(_maxBatch);
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var weight = 0;
            while (batch.Count < _maxBatch && reader.TryPeek(out var next))
            {
                var itemWeight = _weight?.Invoke(next) ?? 0;
                if (batch.Count > 0 && weight + itemWeight > _maxWeight)
                {
                    break;
                }

                reader.TryRead(out _);
                batch.Add(next);
                weight += itemWeight;
            }

            try
            {
                await _flush(batch, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                // Nothing of a failed round trip was committed: every item in it fails, none is half-written.
                foreach (var item in batch)
                {
                    item.Fail(error);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}

/// <summary>An item of a group commit, completed by the flush.</summary>
internal interface IGroupCommitItem
{
    void Fail(Exception error);
}
