using System.Diagnostics;
using CustomerSuccess.Actors;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Grains;
using CustomerSuccess.Grains.Domain.Customers;
using CustomerSuccess.Grains.Domain.Health;
using CustomerSuccess.Grains.Domain.Rules;
using CustomerSuccess.Grains.Interfaces.Customers;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Interfaces.Tasks;
using CustomerSuccess.Grains.Portfolio;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.Silo.Storage.Postgres;
using CustomerSuccess.Simulation;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Storage.Bench;

/// <summary>
/// Restart time in PostgreSQL mode with a large portfolio: the database holds what a running engine
/// leaves behind — every customer's checkpointed state, its wake-up, its live tasks (the tasks table
/// is every CSM's list in this mode) and its portfolio entry — plus a tail of the log above the stored watermark, as a crash
/// between checkpoints leaves it. The states are real: each customer's simulated journey is folded
/// by the domain model the grains run and serialised as the grains' storage does; they are loaded
/// with COPY only because pushing a million customers through the engine first would take hours here.
/// Measured: start to ready (schema checked, tail replayed, silo up), then the first answers.
/// </summary>
internal static class RestartTime
{
    private const int Chunk = 10_000;

    // A CSM's book is hundreds of customers, not a hundred thousand: a million customers have
    // thousands of owners, so each task board stays the size of one person's work.
    private const int Owners = 2_000;

    public static async Task RunAsync(int customers, int days, int tail)
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync("restart");
        // Whole milliseconds: PostgreSQL keeps microseconds, and the engine's wake-up store rounds up
        // to them, so each due time the COPY writes is the one the engine itself would have stored.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        // An engine ran here before: schema in place.
        using (var first = EngineHost.Build(connectionString))
        {
            await first.StartAsync();
            await first.StopAsync();
        }

        var populate = Stopwatch.StartNew();
        await using var db = NpgsqlDataSource.Create(connectionString);
        var (stateBytes, tasks) = await PopulateAsync(db, customers, days, now);
        await AppendTailAsync(db, customers, tail, now);
        Console.WriteLine($"restart: populated {customers:N0} customers ({(days >= 60 ? $"{days} days of simulated journeys" : "a short history")} each, {stateBytes / customers:N0} bytes of state JSON on average, {tasks:N0} live tasks) and a log tail of {tail:N0} events in {populate.Elapsed.TotalSeconds:N0} s");
        // A running server has written its dirty pages out by its own checkpoints; without this the
        // engine's first writes would pay for flushing gigabytes the populate left in shared buffers.
        await using (var vacuum = db.CreateCommand("VACUUM ANALYZE; CHECKPOINT"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }

        var statements = await StatementStatistics.TryResetAsync(db);
        Console.WriteLine("restart: starting the engine");
        var cpu = CpuSplit.Now();
        var start = Stopwatch.GetTimestamp();
        using var host = EngineHost.Build(connectionString, log: true);
        await host.StartAsync();
        var ready = Stopwatch.GetElapsedTime(start);
        var readyUse = CpuSplit.Now().Since(cpu, ready);

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var t = Stopwatch.GetTimestamp();
        await grains.GetGrain<ICustomerGrain>(PortfolioGenerator.CustomerId(customers / 2)).GetHealthAsync();
        var firstCustomer = Stopwatch.GetElapsedTime(t);

        t = Stopwatch.GetTimestamp();
        var snapshot = await grains.GetGrain<IPortfolioGrain>("all").GetSnapshotAsync();
        var firstSnapshot = Stopwatch.GetElapsedTime(t);

        t = Stopwatch.GetTimestamp();
        await host.Services.GetRequiredService<IEventIngestor>().IngestAsync(
            [new TouchpointEvent("after-restart-1", PortfolioGenerator.CustomerId(customers / 3), TouchpointType.Usage, now, Channel.App)], CancellationToken.None);
        var firstEvent = Stopwatch.GetElapsedTime(t);

        Console.WriteLine($"restart: ready (schema checked, {tail:N0} events replayed, silo started) {ready.TotalSeconds,8:N2} s (goal <= 30 s)");
        Console.WriteLine($"restart: until ready, {readyUse}");
        Console.WriteLine($"restart: first customer read after ready                   {firstCustomer.TotalMilliseconds,8:N0} ms");
        Console.WriteLine($"restart: first portfolio snapshot ({snapshot.Customers:N0} customers)        {firstSnapshot.TotalMilliseconds,8:N0} ms");
        Console.WriteLine($"restart: first event ingested after ready                  {firstEvent.TotalMilliseconds,8:N0} ms");
        if (statements)
        {
            await StatementStatistics.PrintAsync(db, "restart");
        }

        await host.StopAsync();
    }

    private static async Task<(long StateBytes, long Tasks)> PopulateAsync(NpgsqlDataSource db, int customers, int days, DateTimeOffset now)
    {
        // 60+ days: the simulated journeys (~60 events each). Fewer: a short synthetic history
        // (a week of use, a contact, a survey), which populates a million customers in minutes.
        var generator = days >= 60 ? new PortfolioGenerator(new PortfolioOptions { Customers = customers, Days = days, End = now, Owners = Math.Max(8, customers / 500) }) : null;
        long stateBytes = 0, taskCount = 0;
        var projection = new PostgresTaskProjection(db);
        for (var from = 0; from < customers; from += Chunk)
        {
            var count = Math.Min(Chunk, customers - from);
            var folded = new FoldedCustomer[count];
            Parallel.For(0, count, i => folded[i] = Fold(generator?.GenerateCustomer(from + i) ?? ShortHistory(from + i, now), now));

            await CopyAsync(db, "COPY grain_state (grain_type, grain_key, state_name, etag, data) FROM STDIN (FORMAT BINARY)", folded, static async (writer, c) =>
            {
                await writer.WriteAsync("customer", NpgsqlDbType.Text);
                await writer.WriteAsync(c.Id, NpgsqlDbType.Text);
                await writer.WriteAsync("customer", NpgsqlDbType.Text);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(c.Json, NpgsqlDbType.Bytea);
            });
            await CopyAsync(db, "COPY wake_ups (grain_type, grain_key, due_at, token) FROM STDIN (FORMAT BINARY)", folded.Where(c => c.WakeUpAt is not null).ToArray(), static async (writer, c) =>
            {
                await writer.WriteAsync("customer", NpgsqlDbType.Text);
                await writer.WriteAsync(c.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(c.WakeUpAt!.Value, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            });

            await CopyAsync(db, "COPY portfolio_entries (partition, customer_id, segment, owner_id, band, annual_value, latest_nps, entered_at_risk_at, open_tasks_by_rule) FROM STDIN (FORMAT BINARY)", folded, static async (writer, c) =>
            {
                var e = c.Entry;
                await writer.WriteAsync((short)PortfolioPartitions.Of(c.Id), NpgsqlDbType.Smallint);
                await writer.WriteAsync(c.Id, NpgsqlDbType.Text);
                await WriteNullableAsync(writer, e.Segment, NpgsqlDbType.Text);
                await WriteNullableAsync(writer, e.OwnerId, NpgsqlDbType.Text);
                await WriteNullableAsync(writer, e.Band is { } band ? (short?)band : null, NpgsqlDbType.Smallint);
                await writer.WriteAsync(e.AnnualValue, NpgsqlDbType.Numeric);
                await WriteNullableAsync(writer, e.LatestNps is { } nps ? (short?)nps : null, NpgsqlDbType.Smallint);
                await WriteNullableAsync(writer, e.EnteredAtRiskAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(e.OpenTasksByRule.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
            });

            var live = folded.SelectMany(c => c.LiveTasks).ToList();
            if (live.Count > 0)
            {
                await projection.UpsertAsync(live);
            }

            foreach (var c in folded)
            {
                stateBytes += c.Json.Length;
                taskCount += c.LiveTasks.Count;
            }
        }

        await projection.DisposeAsync();
        return (stateBytes, taskCount);
    }

    private static SimulatedCustomer ShortHistory(int index, DateTimeOffset now)
    {
        var id = PortfolioGenerator.CustomerId(index);
        var profile = new CustomerProfile($"Customer {index}", (index % 3) switch { 0 => "smb", 1 => "mid-market", _ => "enterprise" },
            $"csm-{index % Owners:D4}", 5_000 + index % 50 * 1_000, now.AddDays(30 + index % 300));
        TouchpointEvent[] events =
        [
            new($"{id}-u1", id, TouchpointType.Usage, now.AddDays(-6), Channel.App),
            new($"{id}-u2", id, TouchpointType.Usage, now.AddDays(-3), Channel.App),
            new($"{id}-c1", id, TouchpointType.ContactInbound, now.AddDays(-2), Channel.Email, IssueId: $"{id}-i1", Sentiment: -0.3),
            new($"{id}-s1", id, TouchpointType.SurveyNps, now.AddDays(-1), Channel.Survey, Score: index % 11),
        ];
        return new SimulatedCustomer(id, profile, null!, events);
    }

    private static FoldedCustomer Fold(SimulatedCustomer customer, DateTimeOffset now)
    {
        var state = new CustomerState();
        var model = new CustomerModel(customer.Id, state, RuleSettings.Default, HealthSettings.Default, StateLimits.Default);
        model.SetProfile(customer.Profile, customer.Events.Length > 0 ? customer.Events[0].OccurredAt : now);
        foreach (var e in customer.Events)
        {
            model.Apply(e);
        }

        var evaluation = model.Evaluate(now, "history loaded");
        state.WakeUpAt = evaluation.NextDeadline;
        state.WakeUpReason = evaluation.NextDeadlineReason;

        // The populate writes every live task to the tasks table, as the engine's task writes did.
        state.TaskListCurrent = true;
        var live = model.Tasks().Where(t => t.IsLive).ToList();
        return new FoldedCustomer(customer.Id, GrainStateSerializer.Serialize(state, GrainStateJson.Default.CustomerState), evaluation.NextDeadline, live, model.PortfolioEntry());
    }

    private static async Task AppendTailAsync(NpgsqlDataSource db, int customers, int tail, DateTimeOffset now)
    {
        var log = new PostgresEventLog(db);
        var random = new Random(7);
        for (var from = 0; from < tail; from += 5_000)
        {
            var batch = new List<LogEvent>(5_000);
            for (var i = from; i < Math.Min(tail, from + 5_000); i++)
            {
                var customer = PortfolioGenerator.CustomerId(random.Next(customers));
                var e = new TouchpointEvent($"tail-{i}", customer, TouchpointType.Usage, now.AddSeconds(-tail + i), Channel.App);
                batch.Add(new LogEvent(e.Id, customer, CustomerPartitioner.PartitionOf(customer), e.OccurredAt, EventPayload.Serialize(e)));
            }

            await log.AppendAsync(batch, CancellationToken.None);
        }
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, type);

    private static async Task CopyAsync<T>(NpgsqlDataSource db, string copy, IReadOnlyList<T> rows, Func<NpgsqlBinaryImporter, T, Task> write)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            await write(writer, row);
        }

        await writer.CompleteAsync();
    }

    private sealed record FoldedCustomer(string Id, byte[] Json, DateTimeOffset? WakeUpAt, List<OutreachTask> LiveTasks, PortfolioEntry Entry);
}
