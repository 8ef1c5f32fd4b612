using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Time;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerSuccess.Backtest.Replay;

/// <summary>
/// Replays a history through the product's grains (<see cref="GrainRegistration.AddCustomerSuccessGrains"/>)
/// on a <see cref="VirtualClock"/> that follows the events: before each event the clock moves to its
/// time, firing every deadline due on the way (each settles before the next fires); then the event is
/// applied. Events with the same time go together, one call per customer, the way the engine's
/// ingestion hands them over in memory mode (<c>ApplyLoggedAsync</c> without log positions), so a
/// replay raises exactly what live ingestion raises. After the last event the
/// clock runs on by the tail so pending deadlines fire. The file is streamed through a bounded
/// <see cref="ReorderBuffer"/>; the only per-customer memory is the grains' own.
/// </summary>
public sealed class ReplayEngine(ReplayOptions options)
{
    private const int MaxBadRowsListed = 1_000;
    private const int ProgressEvery = 4_096;

    public async Task<ReplayResult> RunAsync(
        IHistoryReader reader, IReadOnlyDictionary<string, CustomerProfile> profiles, Action<ReplayProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(profiles);
        var run = new Run(options, reader, profiles, progress);
        return await run.ExecuteAsync(cancellationToken);
    }

    /// <summary>The state of one replay: the silo, the clock, the buffer and the counters.</summary>
    private sealed class Run(ReplayOptions options, IHistoryReader reader, IReadOnlyDictionary<string, CustomerProfile> profiles, Action<ReplayProgress>? progress)
    {
        private readonly ReorderBuffer _buffer = new(options.ReorderWindow);
        private readonly OutcomeTracker _outcomes = new();
        private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
        private readonly List<BadRow> _badRows = [];
        private readonly List<TouchpointEvent> _group = [];
        private readonly Dictionary<string, List<LoggedTouchpoint>> _byCustomer = new(StringComparer.Ordinal);
        private readonly List<Task<ApplyResult>> _calls = [];
        private readonly List<string> _newCustomers = [];
        private VirtualClock _clock = null!;
        private SiloRuntime _silo = null!;
        private long _events, _late, _duplicates, _badRowCount, _nextProgress;
        private DateTimeOffset? _first, _last;
        private DateTimeOffset _groupStart, _groupEnd;

        public async Task<ReplayResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            // The clock starts at the first event in time order: fill the reorder buffer until it can release one.
            var first = FirstInOrder();
            var start = first?.OccurredAt ?? DateTimeOffset.UnixEpoch;
            _clock = new VirtualClock(start);
            var recorder = new TaskRecorder(_clock);
            _silo = BuildSilo(recorder);
            await _silo.StartAsync(cancellationToken);
            try
            {
                if (options.ProfilesAt == ProfileTiming.Start)
                {
                    await SetProfilesAsync(profiles.Keys);
                }

                if (first is not null)
                {
                    await ReplayAsync(first, cancellationToken);
                }

                // Customers with a profile and no event still exist for the engine.
                if (options.ProfilesAt == ProfileTiming.AfterFirstEvent)
                {
                    await SetProfilesAsync(Unseen());
                }
                var end = (_last ?? start) + options.Tail;
                await AdvanceAsync(end > _clock.GetUtcNow() ? end : _clock.GetUtcNow());
                var clockEnd = _clock.GetUtcNow();
                return new ReplayResult(_events, _late, _duplicates, _badRows, _badRowCount, _customers.Count, profiles,
                    _first, _last, clockEnd, _silo.WakeUpsDelivered, recorder.Snapshot(), _outcomes);
            }
            finally
            {
                // Nothing of a replay is kept: stop without writing every resident state back.
                _silo.Kill();
            }
        }

        private SiloRuntime BuildSilo(TaskRecorder recorder)
        {
            var services = new ServiceCollection()
                .AddSingleton(options.Settings.Rules)
                .AddSingleton(options.Settings.Health)
                .AddSingleton<ITaskProjection>(recorder)
                .AddSingleton(new CheckpointSettings { Interval = options.CheckpointInterval })
                .BuildServiceProvider();
            return new SiloBuilder()
                .UseTimeProvider(_clock)
                .UseServices(services)
                .Configure(o =>
                {
                    o.CollectionAge = options.CollectionAge;

                    // Nothing of a replay is kept, so states stay objects: no JSON per event.
                    o.KeepStateObjects = true;
                })
                .AddCustomerSuccessGrains()
                .Build();
        }

        private TouchpointEvent? FirstInOrder()
        {
            while (ReadNextGood() is { } row)
            {
                _buffer.Add(row.Event!, row.Line);
                if (_buffer.TryRelease(out var e))
                {
                    return e;
                }
            }

            return _buffer.TryDrain(out var last) ? last : null;
        }

        private async Task ReplayAsync(TouchpointEvent first, CancellationToken cancellationToken)
        {
            await ApplyInOrderAsync(first);
            while (ReadNextGood() is { } row)
            {
                _buffer.Add(row.Event!, row.Line);
                while (_buffer.TryRelease(out var e))
                {
                    await ApplyInOrderAsync(e);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            while (_buffer.TryDrain(out var e))
            {
                await ApplyInOrderAsync(e);
            }

            await FlushAsync();
        }

        // Events come in time order (late ones excepted). An event joins the group at hand while it is
        // within the step of the group's first event and no timer is due before it; otherwise the group
        // is applied (the clock at its last event) and the clock moves to this event, firing every
        // deadline due by then. A late event joins the group at hand: it is applied at a later clock, as
        // live ingestion applies a late event.
        private async Task ApplyInOrderAsync(TouchpointEvent e)
        {
            var at = e.OccurredAt;
            if (_last is not { } last || at > last)
            {
                _last = at;
            }

            if (_first is not { } firstAt || at < firstAt)
            {
                _first = at;
            }

            if (_group.Count > 0 && at < _groupEnd)
            {
                _late++;
                _group.Add(e);
                return;
            }

            if (_group.Count == 0 || at - _groupStart > options.Step || _clock.NextTimerDue is { } due && due <= at)
            {
                await FlushAsync();
                if (at < _clock.GetUtcNow())
                {
                    _late++;
                }
                else
                {
                    await AdvanceAsync(at);
                }

                _groupStart = at;
            }

            _group.Add(e);
            _groupEnd = at;
        }

        private async Task FlushAsync()
        {
            if (_group.Count == 0)
            {
                return;
            }

            if (_groupEnd > _clock.GetUtcNow())
            {
                await AdvanceAsync(_groupEnd);
            }

            foreach (var e in _group)
            {
                _outcomes.Observe(e);
                if (_customers.Add(e.CustomerId))
                {
                    _newCustomers.Add(e.CustomerId);
                }
            }

            if (_group.Count == 1)
            {
                var e = _group[0];
                Count(await _silo.GetGrain<ICustomerGrain>(e.CustomerId).ApplyLoggedAsync([LoggedTouchpoint.Unlogged(e)]));
            }
            else
            {
                await ApplyGroupAsync();
            }

            _events += _group.Count;
            _group.Clear();
            if (options.ProfilesAt == ProfileTiming.AfterFirstEvent && _newCustomers.Count > 0)
            {
                await SetProfilesAsync(_newCustomers);
            }

            _newCustomers.Clear();
            if (progress is not null && _events >= _nextProgress)
            {
                progress(new ReplayProgress(_events, reader.Position, reader.Length));
                _nextProgress = _events + ProgressEvery;
            }
        }

        private async Task ApplyGroupAsync()
        {
            foreach (var e in _group)
            {
                if (!_byCustomer.TryGetValue(e.CustomerId, out var list))
                {
                    _byCustomer[e.CustomerId] = list = [];
                }

                list.Add(LoggedTouchpoint.Unlogged(e));
            }

            foreach (var (customerId, events) in _byCustomer)
            {
                _calls.Add(_silo.GetGrain<ICustomerGrain>(customerId).ApplyLoggedAsync([.. events]));
            }

            foreach (var call in _calls)
            {
                Count(await call);
            }

            _calls.Clear();
            _byCustomer.Clear();
        }

        private void Count(ApplyResult result) => _duplicates += result.Duplicates;

        private async Task SetProfilesAsync(IEnumerable<string> customerIds)
        {
            foreach (var id in customerIds)
            {
                if (profiles.TryGetValue(id, out var profile))
                {
                    await _silo.GetGrain<ICustomerGrain>(id).SetProfileAsync(profile);
                }
            }
        }

        private List<string> Unseen()
        {
            var unseen = new List<string>();
            foreach (var id in profiles.Keys)
            {
                if (!_customers.Contains(id))
                {
                    unseen.Add(id);
                }
            }

            unseen.Sort(StringComparer.Ordinal);
            return unseen;
        }

        // Every timer due by the target fires at its own time, and what it causes settles first.
        private async Task AdvanceAsync(DateTimeOffset target)
        {
            await _silo.WhenIdleAsync();
            while (_clock.TryFireNext(target))
            {
                await _silo.WhenIdleAsync();
            }

            _clock.AdvanceTo(target);
        }

        private HistoryRow? ReadNextGood()
        {
            while (reader.TryRead(out var row))
            {
                if (!row.IsBad)
                {
                    return row;
                }

                if (!options.SkipBadRows)
                {
                    throw new BadRowException(row.Line, row.Error!);
                }

                _badRowCount++;
                if (_badRows.Count < MaxBadRowsListed)
                {
                    _badRows.Add(new BadRow(row.Line, row.Error!));
                }
            }

            return null;
        }
    }
}
