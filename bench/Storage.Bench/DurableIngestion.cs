using System.Diagnostics;
using CustomerSuccess.Bench;
using CustomerSuccess.Grains.Interfaces.Events;
using CustomerSuccess.Silo.Checkpoints;
using CustomerSuccess.Silo.EventLog;
using CustomerSuccess.Silo.Hosting;
using CustomerSuccess.Silo.Ingestion;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Storage.Bench;

/// <summary>
/// Durable ingestion (events/s) in batches of 1,000 through the engine in PostgreSQL mode (log
/// append committed, then applied by the customer grains, whose states are checkpointed), against a raw
/// binary COPY of the same rows into an identical table, same batches, same concurrency, same server.
/// </summary>
/// <remarks>
/// Two workloads of the same mix. <b>live</b>: the events happened in the last few minutes, as an
/// integrator pushes them while they happen; an inbound contact's reply comes before any deadline, so
/// tasks open for what the events say (detractors, unresolved issues, health drops). <b>backfill</b>:
/// the same events spread over the 30 days before now and 16 days after it (history imported late,
/// evaluated against today's clock): every deadline has already passed, so each contact opens an
/// awaiting-reply task that its reply closes and each quiet spell a gone-quiet task, about three
/// times the task writes per event.
/// </remarks>
internal static class DurableIngestion
{
    private const int BatchSize = 1_000;
    private const int Senders = 8;
    private const int WarmUpEvents = 40_000;
    private const int MinWarmUpRounds = 4;
    private const int MaxWarmUpRounds = 20;

    // A warm-up round that compiles fewer methods than this leaves the JIT with almost nothing to do,
    // as in an engine that has been up for a while.
    private const int SettledJitMethods = 50;

    public static async Task RunAsync(int eventCount, bool backfill)
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync("bench");
        var events = Generate(eventCount, customers: eventCount / 20, prefix: "customer", backfill);
        var batches = events.Chunk(BatchSize).ToArray();

        using var host = EngineHost.Build(connectionString);
        await host.StartAsync();
        var ingestor = host.Services.GetRequiredService<IEventIngestor>();
        var checkpointer = host.Services.GetRequiredService<LogCheckpointer>();

        await using var db = NpgsqlDataSource.Create(connectionString);
        await using (var create = db.CreateCommand("CREATE TABLE events_copy (LIKE events INCLUDING ALL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var rows = batches.Select(b => b.Select(e => new LogEvent(e.Id, e.CustomerId, CustomerPartitioner.PartitionOf(e.CustomerId), e.OccurredAt, EventPayload.Serialize(e))).ToArray()).ToArray();

        // Warm-up, not measured: both paths run on other rows (and customers) first, so the figures
        // are the steady state of a running engine, not the JIT compiling it. Tiered compilation keeps
        // recompiling hot methods in the background (tier 0, then instrumented, then tier 1) long after
        // their first calls, and on two busy cores its queue drains slowly: rounds go on until one
        // compiles almost nothing. Each round prints what it still cost; the measured phases print the same.
        // The round count varies from run to run, and so do the tables' sizes: the summary line prints it.
        var rounds = 0;
        bool settled;
        do
        {
            rounds++;
            var prefix = $"warm-up{rounds}";
            var warmBatches = Generate(WarmUpEvents, customers: WarmUpEvents / 20, prefix, backfill).Chunk(BatchSize).ToArray();
            var warmRows = warmBatches.Select(b => b.Select(e => new LogEvent(e.Id + "-copy", e.CustomerId, CustomerPartitioner.PartitionOf(e.CustomerId), e.OccurredAt, EventPayload.Serialize(e))).ToArray()).ToArray();
            var warmCpu = CpuSplit.Now();
            var warmStart = Stopwatch.GetTimestamp();
            await MeasureAsync(warmRows.Length, i => CopyAsync(db, warmRows[i]));
            await MeasureAsync(warmBatches.Length, i => ingestor.IngestAsync(warmBatches[i], CancellationToken.None));
            await checkpointer.CheckpointAsync(CancellationToken.None);
            var used = CpuSplit.Now();
            settled = used.JitMethods - warmCpu.JitMethods < SettledJitMethods;
            Console.WriteLine($"ingest: warm-up round {rounds} ({WarmUpEvents:N0} events through each path): {used.Since(warmCpu, Stopwatch.GetElapsedTime(warmStart))}");
            await JitQuietAsync();
        }
        while (rounds < MinWarmUpRounds || (!settled && rounds < MaxWarmUpRounds));

        var copyCpu = CpuSplit.Now();
        var copyStart = Stopwatch.GetTimestamp();
        var copyRate = await MeasureAsync(rows.Length, i => CopyAsync(db, rows[i]));
        var copyUse = CpuSplit.Now().Since(copyCpu, Stopwatch.GetElapsedTime(copyStart));
        // The engine's figure includes a final checkpoint (every changed customer's state written,
        // the watermark stored): state that is only in memory is not yet paid for.
        var statements = await StatementStatistics.TryResetAsync(db);
        Console.WriteLine("ingest: measuring the engine (a marker for profilers)");
        using var allocations = AllocationSampler.StartIfAsked();
        allocations?.Record(true);
        var engineCpu = CpuSplit.Now();
        var engineStart = Stopwatch.GetTimestamp();
        var acknowledgedRate = await MeasureAsync(batches.Length, i => ingestor.IngestAsync(batches[i], CancellationToken.None));
        allocations?.Record(false);
        Console.WriteLine("ingest: the final checkpoint (a marker for profilers)");
        var checkpointCpu = CpuSplit.Now();
        var checkpointStart = Stopwatch.GetTimestamp();
        await checkpointer.CheckpointAsync(CancellationToken.None);
        var checkpointTime = Stopwatch.GetElapsedTime(checkpointStart);
        var checkpointUse = CpuSplit.Now().Since(checkpointCpu, checkpointTime);
        var engineRate = events.Count / Stopwatch.GetElapsedTime(engineStart).TotalSeconds;
        var engineUse = CpuSplit.Now().Since(engineCpu, Stopwatch.GetElapsedTime(engineStart));

        Console.WriteLine($"ingest: {(backfill ? "backfill" : "live")} workload, {events.Count:N0} events, {events.Count / 20:N0} customers, batches of {BatchSize:N0}, {Senders} concurrent senders, PostgreSQL with fsync on, after a warm-up of {rounds} x {WarmUpEvents:N0} events through each path");
        Console.WriteLine($"ingest: engine, acknowledged (log committed + grains applied)   {acknowledgedRate,12:N0} events/s");
        Console.WriteLine($"ingest: engine incl. final checkpoint ({checkpointTime.TotalSeconds:N2} s)          {engineRate,12:N0} events/s");
        Console.WriteLine($"ingest: raw binary COPY of the same rows                       {copyRate,12:N0} events/s");
        Console.WriteLine($"ingest: engine {engineUse}");
        Console.WriteLine($"ingest: of which the final checkpoint {checkpointUse}");
        Console.WriteLine($"ingest: COPY   {copyUse}");
        Console.WriteLine($"ingest: ratio engine / raw COPY                                 {engineRate / copyRate,12:P1}");
        allocations?.Print("ingest");
        await PrintStateSizesAsync(db);
        if (statements)
        {
            await StatementStatistics.PrintAsync(db, "ingest");
        }

        await host.StopAsync();
    }

    // What a checkpoint writes per customer: the stored state's size.
    private static async Task PrintStateSizesAsync(NpgsqlDataSource db)
    {
        await using (var sizes = db.CreateCommand(
            "SELECT grain_type, count(*), avg(octet_length(data))::int FROM grain_state GROUP BY grain_type ORDER BY count(*) DESC"))
        {
            await using var reader = await sizes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine($"ingest: stored states: {reader.GetString(0)} {reader.GetInt64(1):N0} rows, {reader.GetInt32(2):N0} bytes each on average");
            }
        }

        // CS_STATE_SAMPLE=path writes one customer's stored state there, to see what it is made of.
        if (Environment.GetEnvironmentVariable("CS_STATE_SAMPLE") is { Length: > 0 } path)
        {
            await using var sample = db.CreateCommand("SELECT convert_from(data, 'UTF8') FROM grain_state WHERE grain_type = 'customer' LIMIT 1");
            if (await sample.ExecuteScalarAsync() is string json)
            {
                await File.WriteAllTextAsync(path, json);
            }
        }
    }

    // Idle until the background compiler has emptied its queue: on two cores busy with the workload it
    // falls behind, and each extra warm-up round to let it catch up would grow the tables both paths
    // write to (and the server's work per row with them).
    private static async Task JitQuietAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(250);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }

    private static async Task<double> MeasureAsync(int batches, Func<int, Task> send)
    {
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches)
            {
                await send(index);
            }
        })));
        return (double)batches * BatchSize / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task CopyAsync(NpgsqlDataSource db, LogEvent[] rows)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY events_copy (event_id, customer_id, partition, occurred_at, payload) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row.EventId, NpgsqlDbType.Text);
            await writer.WriteAsync(row.CustomerId, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Partition, NpgsqlDbType.Integer);
            await writer.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(row.Payload, NpgsqlDbType.Bytea);
        }

        await writer.CompleteAsync();
    }

    private static List<TouchpointEvent> Generate(int count, int customers, string prefix, bool backfill)
    {
        var random = new Random(11);
        // live: one event a millisecond up to now; backfill: one every 20 seconds from 30 days ago.
        var step = backfill ? TimeSpan.FromSeconds(20) : TimeSpan.FromMilliseconds(1);
        var start = backfill ? DateTimeOffset.UtcNow.AddDays(-30) : DateTimeOffset.UtcNow - count * step;
        var events = new List<TouchpointEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var customer = $"{prefix}-{random.Next(customers)}";
            var at = start + i * step;
            events.Add((i % 10) switch
            {
                < 6 => new TouchpointEvent($"{prefix}-e{i}", customer, TouchpointType.Usage, at, Channel.App),
                6 => new TouchpointEvent($"{prefix}-e{i}", customer, TouchpointType.ContactInbound, at, Channel.Email, IssueId: $"{customer}-i{i % 7}", Sentiment: -0.2),
                7 => new TouchpointEvent($"{prefix}-e{i}", customer, TouchpointType.ContactOutbound, at, Channel.Email, IssueId: $"{customer}-i{i % 7}"),
                8 => new TouchpointEvent($"{prefix}-e{i}", customer, TouchpointType.Purchase, at, Channel.Web, Value: 49m),
                _ => new TouchpointEvent($"{prefix}-e{i}", customer, TouchpointType.SurveyNps, at, Channel.Survey, Score: random.Next(11)),
            });
        }

        return events;
    }
}
