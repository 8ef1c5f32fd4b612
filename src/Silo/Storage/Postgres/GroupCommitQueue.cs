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
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GroupCommitQueue(Func<List<TItem>, CancellationToken, Task> flush, int maxBatch)
    {
        _flush = flush;
        _maxBatch = maxBatch;
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
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
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
