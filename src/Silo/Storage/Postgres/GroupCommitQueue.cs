using System.Threading.Channels;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// Group commit: callers enqueue items and await them; one loop writes whatever has gathered
/// in one round trip, so the batch grows exactly as fast as the database is slow. No timer, no
/// added latency when the load is light.
/// </summary>
/// <remarks>
/// By default one batch is in flight at a time. A queue built with <c>maxInFlight</c> above 1 starts
/// the next batch while earlier ones are still in flight: each batch's start (what must happen in
/// batch order) runs in the loop, its rest concurrently with the batches around it.
/// </remarks>
internal sealed class GroupCommitQueue<TItem> : IAsyncDisposable where TItem : IGroupCommitItem
{
    private readonly Channel<TItem> _pending = Channel.CreateUnbounded<TItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<List<TItem>, CancellationToken, Task<Task>> _start;
    private readonly int _maxInFlight;
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
        : this(async (batch, cancellationToken) =>
        {
            await flush(batch, cancellationToken).ConfigureAwait(false);
            return Task.CompletedTask;
        }, maxInFlight: 1, maxBatch, weight, maxWeight)
    {
    }

    /// <param name="start">
    /// Starts a batch: its task completes once the next batch may start, with the task of the rest of
    /// this one. A failure of either fails every item of the batch.
    /// </param>
    /// <param name="maxInFlight">At most this many batches started and not yet finished.</param>
    /// <param name="maxBatch">At most this many items per batch.</param>
    /// <param name="weight">An item's size (e.g. its rows), when batches are bounded by size as well.</param>
    /// <param name="maxWeight">At most this much weight per batch; a single heavier item still goes alone.</param>
    public GroupCommitQueue(Func<List<TItem>, CancellationToken, Task<Task>> start, int maxInFlight, int maxBatch, Func<TItem, int>? weight = null, int maxWeight = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _start = start;
        _maxInFlight = maxInFlight;
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
        var inFlight = new Queue<Task>(_maxInFlight);
        var reader = _pending.Reader;
        // One batch at a time reuses its list; otherwise a list lives as long as its batch's flush.
        var reused = _maxInFlight == 1 ? new List<TItem>(_maxBatch) : null;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = reused ?? new List<TItem>(Math.Min(_maxBatch, 64));
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

            Task rest;
            try
            {
                rest = await _start(batch, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                rest = Task.FromException(error);
            }

            inFlight.Enqueue(FinishAsync(batch, rest));
            if (inFlight.Count == _maxInFlight)
            {
                await inFlight.Dequeue().ConfigureAwait(false);
            }
        }

        while (inFlight.TryDequeue(out var flush))
        {
            await flush.ConfigureAwait(false);
        }
    }

    private static async Task FinishAsync(List<TItem> batch, Task rest)
    {
        try
        {
            await rest.ConfigureAwait(false);
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
