using CustomerSuccess.Actors;
using CustomerSuccess.Backtest.History;
using CustomerSuccess.Backtest.Import;
using CustomerSuccess.Backtest.Profiles;
using CustomerSuccess.Backtest.Replay;
using CustomerSuccess.Backtest.Tests.Support;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CustomerSuccess.Backtest.Tests;

/// <summary>The same history files loaded into a running engine over its HTTP API.</summary>
public sealed class ImportTests : IDisposable
{
    private static readonly DateTimeOffset HistoryEnd = new(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly HistoryFolder _folder = new();

    [Fact]
    public async Task Import_posts_batches_then_profiles_and_the_engine_raises_the_historys_tasks_with_their_real_times()
    {
        var history = _folder.Generate(customers: 30, seed: 5, HistoryEnd);
        var now = HistoryEnd + TimeSpan.FromDays(3);
        await using var engine = new LiveEngine(now);
        using var http = engine.ClientFor(LiveEngine.IngestKey);
        var waits = new List<TimeSpan>();

        using var reader = HistoryFiles.Open(_folder.File("history.csv"));
        var result = await new HistoryImporter(http, new ImportOptions { BatchSize = 1_000 }, Record(waits))
            .ImportAsync(reader, ProfileFile.Read(_folder.File("profiles.csv")));

        Assert.Equal(history.Events.Count, result.Events);
        Assert.Equal(history.Events.Count, result.Accepted);
        Assert.InRange(result.Batches, (history.Events.Count + 999) / 1_000, (history.Events.Count + 999) / 1_000 + 1);
        Assert.Equal(30, result.Profiles);
        Assert.Empty(waits);

        // sim-000004's issue took three contacts: its unresolved-effort task was raised at once, dated
        // when the history says the condition became true (days before the import), owned by its CSM.
        var customer = history.Customers.Single(c => c.Id == "sim-000004");
        Assert.Equal(Archetype.RepeatContactIssue, customer.Truth.Archetype);
        var grain = engine.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(customer.Id);
        var task = (await grain.GetTasksAsync()).Single(t => t.Rule == RuleId.UnresolvedEffort && t.IsLive);
        var contacts = customer.Events.Where(e => e.Type == TouchpointType.ContactInbound).Select(e => e.OccurredAt).Order().ToArray();
        Assert.True(task.CreatedAt <= contacts[1], $"created {task.CreatedAt:u}, second contact {contacts[1]:u}");
        Assert.True(task.CreatedAt < now - TimeSpan.FromDays(3));
        Assert.Equal(customer.Profile.OwnerId, task.OwnerId);
        Assert.Equal(now, engine.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Each_customers_history_goes_in_one_batch_so_an_active_customer_never_looks_gone_quiet()
    {
        var history = _folder.Generate(customers: 40, seed: 13, HistoryEnd);
        await using var engine = new LiveEngine(HistoryEnd + TimeSpan.FromMinutes(5));
        using var http = engine.ClientFor(LiveEngine.IngestKey);

        // Batches of 300 hold three or four customers' whole histories (about 88 events each).
        using var reader = HistoryFiles.Open(_folder.File("history.jsonl"));
        var result = await new HistoryImporter(http, new ImportOptions { BatchSize = 300 }, Record([]))
            .ImportAsync(reader, ProfileFile.Read(_folder.File("profiles.jsonl")));

        Assert.Equal(history.Events.Count, result.Accepted);
        var grains = engine.Services.GetRequiredService<IGrainFactory>();
        var quiet = new List<string>();
        foreach (var customer in history.Customers.Where(c => c.Truth.Archetype is not (Archetype.DriftIntoSilence or Archetype.UsageDeclineBeforeCancellation)))
        {
            // Live and recently closed: a gone-quiet opened on part of a history and closed by the rest would show here.
            var tasks = await grains.GetGrain<ICustomerGrain>(customer.Id).GetTasksAsync();
            quiet.AddRange(tasks.Where(t => t.Rule == RuleId.GoneQuiet).Select(t => $"{t.Id} created {t.CreatedAt:u} ({t.State})"));
        }

        Assert.True(quiet.Count == 0, string.Join("\n", quiet));
    }

    [Fact]
    public async Task A_deadline_that_passed_before_the_import_fires_at_once_dated_at_its_own_time()
    {
        var contact = HistoryEnd - TimeSpan.FromDays(3);
        var path = _folder.Write("h.jsonl",
            $$"""{"id":"in-1","customerId":"c-late","type":"contact.inbound","occurredAt":"{{LiveEngine.At(contact)}}","channel":"email"}""");
        await using var engine = new LiveEngine(HistoryEnd);
        using var http = engine.ClientFor(LiveEngine.IngestKey);

        using var reader = HistoryFiles.Open(path);
        await new HistoryImporter(http, new ImportOptions()).ImportAsync(reader, new Dictionary<string, CustomerProfile>());

        // No time passes in the engine: the 24 h reply window ran out two days ago, so the task is there now.
        var grain = engine.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>("c-late");
        var task = Assert.Single(await grain.GetTasksAsync(), t => t.Rule == RuleId.AwaitingReply);
        Assert.Equal(contact + TimeSpan.FromHours(24), task.CreatedAt);
        Assert.Equal(HistoryEnd, task.UpdatedAt);
        Assert.Contains("in-1", task.Evidence);
    }

    [Fact]
    public async Task A_503_is_retried_after_its_retry_after_and_nothing_is_lost()
    {
        var history = _folder.Generate(customers: 6, seed: 9, HistoryEnd);
        await using var engine = new LiveEngine(HistoryEnd + TimeSpan.FromMinutes(1))
        {
            ReplaceServices = services => services.Replace(ServiceDescriptor.Singleton<IEventIngestor>(provider =>
                new UnavailableFirst(new MemoryEventIngestor(provider.GetRequiredService<CustomerEventDispatcher>()), failures: 2))),
        };
        using var http = engine.ClientFor(LiveEngine.IngestKey);
        var waits = new List<TimeSpan>();

        using var reader = HistoryFiles.Open(_folder.File("history.jsonl"));
        var result = await new HistoryImporter(http, new ImportOptions { BatchSize = 200 }, Record(waits))
            .ImportAsync(reader, new Dictionary<string, CustomerProfile>());

        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], waits);
        Assert.Equal(2, result.Retries);
        Assert.Equal(history.Events.Count, result.Accepted);
        Assert.Equal(0, result.Duplicates);
    }

    [Fact]
    public async Task A_429_waits_for_the_rate_limits_retry_after_and_gives_up_after_the_last_attempt()
    {
        _folder.Generate(customers: 6, seed: 9, HistoryEnd);
        await using var engine = new LiveEngine(HistoryEnd + TimeSpan.FromMinutes(1)) { PermitLimit = 2 };
        using var http = engine.ClientFor(LiveEngine.IngestKey);
        var waits = new List<TimeSpan>();

        using var reader = HistoryFiles.Open(_folder.File("history.jsonl"));
        var error = await Assert.ThrowsAsync<ImportFailedException>(() =>
            new HistoryImporter(http, new ImportOptions { BatchSize = 100, MaxAttempts = 3 }, Record(waits))
                .ImportAsync(reader, new Dictionary<string, CustomerProfile>()));

        // The limit's window is an hour: the engine says so in Retry-After, and the importer waited that long.
        Assert.Equal(2, waits.Count);
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromMinutes(50), TimeSpan.FromHours(1)));
        Assert.Contains("429", error.Message);
        Assert.Contains("after 3 attempts", error.Message);
    }

    [Fact]
    public async Task A_bad_row_stops_the_import_with_its_line_number()
    {
        var path = _folder.Write("h.jsonl",
            """{"id":"u-1","customerId":"c-1","type":"usage","occurredAt":"2026-04-01T09:00:00Z"}""",
            """{"id":"u-2","customerId":"c-1","type":"usage","occurredAt":"yesterday"}""");
        await using var engine = new LiveEngine(HistoryEnd);
        using var http = engine.ClientFor(LiveEngine.IngestKey);

        using var reader = HistoryFiles.Open(path);
        var error = await Assert.ThrowsAsync<BadRowException>(() =>
            new HistoryImporter(http, new ImportOptions()).ImportAsync(reader, new Dictionary<string, CustomerProfile>()));

        Assert.Equal(2, error.Line);
        Assert.StartsWith("occurredAt: 'yesterday'", error.Problem);
    }

    public void Dispose() => _folder.Dispose();

    private static Func<TimeSpan, CancellationToken, Task> Record(List<TimeSpan> waits) => (wait, _) =>
    {
        waits.Add(wait);
        return Task.CompletedTask;
    };

    /// <summary>Storage that is down for the first calls (the engine answers 503 with Retry-After), then back.</summary>
    private sealed class UnavailableFirst(IEventIngestor inner, int failures) : IEventIngestor
    {
        private int _calls;

        public Task<IngestResult> IngestAsync(IReadOnlyList<TouchpointEvent> events, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new StorageUnavailableException("database restarting") { RetryAfter = TimeSpan.FromSeconds(7) }
                : inner.IngestAsync(events, cancellationToken);
    }
}
