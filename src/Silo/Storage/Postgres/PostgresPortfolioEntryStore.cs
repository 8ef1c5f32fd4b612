using System.Globalization;
using System.Text;
using CustomerSuccess.Grains.Interfaces.Health;
using CustomerSuccess.Grains.Interfaces.Portfolio;
using CustomerSuccess.Grains.Portfolio;
using Npgsql;
using NpgsqlTypes;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// The portfolio_entries table: one row per customer, keyed by partition, so a partition reads its
/// rows in one range scan and a checkpoint upserts only the entries that changed.
/// </summary>
public sealed class PostgresPortfolioEntryStore(NpgsqlDataSource dataSource) : IPortfolioEntryStore
{
    // Rows per upsert statement: a partition's first checkpoint after a migration can hold all of it.
    private const int MaxRowsPerStatement = 10_000;

    private const string Rows = """
        unnest($2::text[], $3::text[], $4::text[], $5::smallint[], $6::numeric[], $7::smallint[], $8::timestamptz[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[])
            AS r(id, segment, owner, band, value, nps, entered, tasks, churned, nps_at, outreach, outreach_owners)
        """;

    public async Task<Dictionary<string, PortfolioEntry>> LoadAsync(string partition, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT customer_id, segment, owner_id, band, annual_value, latest_nps, entered_at_risk_at, open_tasks_by_rule, churned_at, latest_nps_at, outreach_done, outreach_owners
            FROM portfolio_entries WHERE partition = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = Number(partition) });
        // Off the partition's activation: it keeps taking updates while tens of thousands of rows arrive.
        var entries = new Dictionary<string, PortfolioEntry>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            entries[id] = new PortfolioEntry(
                id,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : (HealthBand)reader.GetInt16(3),
                reader.GetDecimal(4),
                reader.IsDBNull(5) ? null : reader.GetInt16(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<int[]>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : Outreach(reader.GetFieldValue<long[]>(10), reader.IsDBNull(11) ? [] : reader.GetFieldValue<string?[]>(11)));
        }

        return entries;
    }

    public async Task SaveAsync(string partition, IReadOnlyDictionary<string, PortfolioEntry> entries, IReadOnlyCollection<string> changed, CancellationToken cancellationToken)
    {
        // Read every changed entry before the first await: the partition keeps changing its
        // dictionary while the write is in flight.
        var rows = new List<PortfolioEntry>(changed.Count);
        foreach (var id in changed)
        {
            rows.Add(entries[id]);
        }

        var number = Number(partition);
        for (var from = 0; from < rows.Count; from += MaxRowsPerStatement)
        {
            await UpsertAsync(number, rows, from, Math.Min(rows.Count - from, MaxRowsPerStatement), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpsertAsync(short partition, List<PortfolioEntry> rows, int from, int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        var segments = new string?[count];
        var owners = new string?[count];
        var bands = new short?[count];
        var values = new decimal[count];
        var nps = new short?[count];
        var entered = new DateTimeOffset?[count];
        var churned = new DateTimeOffset?[count];
        var npsAt = new DateTimeOffset?[count];
        var outreach = new string?[count];
        var outreachOwners = new string?[count];

        // unnest flattens a two-dimensional array, so each row's counts travel as an array literal.
        var openTasks = new string[count];
        for (var i = 0; i < count; i++)
        {
            var entry = rows[from + i];
            ids[i] = entry.CustomerId;
            segments[i] = entry.Segment;
            owners[i] = entry.OwnerId;
            bands[i] = entry.Band is { } band ? (short)band : null;
            values[i] = entry.AnnualValue;
            nps[i] = entry.LatestNps is { } score ? (short)score : null;
            entered[i] = entry.EnteredAtRiskAt;
            churned[i] = entry.ChurnedAt;
            npsAt[i] = entry.LatestNpsAt;
            if (entry.Outreach is { Count: > 0 } done)
            {
                outreach[i] = OutreachLiteral(done);
                outreachOwners[i] = OwnersLiteral(done);
            }
            openTasks[i] = "{" + string.Join(',', entry.OpenTasksByRule) + "}";
        }

        // New entries are inserted; stored ones are updated only where they differ. Every activation
        // re-sends its entry and a partition that has not read its rows cannot tell what changed, so
        // most of a replay's entries are the stored ones: an upsert would lock each and log the lock,
        // or write a new row version, where comparing costs only the look-up. A customer is in one
        // partition and a partition saves one batch at a time, so nothing inserts between the two.
        // Planned afresh at every save (KeyLookupPlan): a plan cached while the table was young read the
        // whole partition at every save. A partition saves every few seconds at most.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        KeyLookupPlan.AddFreshPlanTo(batch);
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO portfolio_entries (partition, customer_id, segment, owner_id, band, annual_value, latest_nps, entered_at_risk_at, open_tasks_by_rule, churned_at, latest_nps_at, outreach_done, outreach_owners)
            SELECT $1, r.id, r.segment, r.owner, r.band, r.value, r.nps, r.entered, r.tasks::int[], r.churned, r.nps_at, r.outreach::bigint[],
                r.outreach_owners::text[]
            FROM {Rows}
            ON CONFLICT (partition, customer_id) DO NOTHING
            """);
        var update = new NpgsqlBatchCommand($"""
            UPDATE portfolio_entries p SET
                segment = r.segment, owner_id = r.owner, band = r.band, annual_value = r.value,
                latest_nps = r.nps, entered_at_risk_at = r.entered, open_tasks_by_rule = r.tasks::int[], churned_at = r.churned,
                latest_nps_at = r.nps_at, outreach_done = r.outreach::bigint[], outreach_owners = r.outreach_owners::text[]
            FROM {Rows}
            WHERE p.partition = $1 AND p.customer_id = r.id
              AND (p.segment, p.owner_id, p.band, p.annual_value, p.latest_nps, p.entered_at_risk_at, p.open_tasks_by_rule, p.churned_at, p.latest_nps_at,
                   p.outreach_done, p.outreach_owners)
                  IS DISTINCT FROM (r.segment, r.owner, r.band, r.value, r.nps, r.entered, r.tasks::int[], r.churned, r.nps_at,
                   r.outreach::bigint[], r.outreach_owners::text[])
            """);
        foreach (var command in (ReadOnlySpan<NpgsqlBatchCommand>)[insert, update])
        {
            command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = segments, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = owners, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<short?[]> { TypedValue = bands, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
            command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
            command.Parameters.Add(new NpgsqlParameter<short?[]> { TypedValue = nps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = entered, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = openTasks, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = churned, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = npsAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = outreach, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = outreachOwners, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Completed tasks as flat triples, the column's form (see migration 0016); like the task counts, a
    // row's triples travel as an array literal, since unnest flattens a two-dimensional array.
    private static string OutreachLiteral(IReadOnlyList<OutreachDone> done)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < done.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(done[i].DoneAt.UtcTicks.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(done[i].TimeToDone.Ticks.ToString(CultureInfo.InvariantCulture))
                .Append(done[i].OnTime ? ",1" : ",0");
        }

        return text.Append('}').ToString();
    }

    // The CSMs beside the triples, as a text[] literal: each quoted, with its quotes and backslashes escaped.
    private static string OwnersLiteral(IReadOnlyList<OutreachDone> done)
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < done.Count; i++)
        {
            text.Append(i == 0 ? "" : ",");
            if (done[i].OwnerId is not { } owner)
            {
                text.Append("NULL");
                continue;
            }

            text.Append('"').Append(owner.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return text.Append('}').ToString();
    }

    private static OutreachDone[] Outreach(long[] triples, string?[] owners)
    {
        var done = new List<OutreachDone>(triples.Length / 3);
        for (var i = 0; i + 2 < triples.Length; i += 3)
        {
            // A row edited by hand may hold what the engine never writes: such a triple is left out
            // rather than failing the whole partition's load.
            if (triples[i] >= 0 && triples[i] <= DateTimeOffset.MaxValue.UtcTicks && triples[i + 1] >= 0)
            {
                done.Add(new OutreachDone(new DateTimeOffset(triples[i], TimeSpan.Zero), TimeSpan.FromTicks(triples[i + 1]), triples[i + 2] != 0,
                    i / 3 < owners.Length ? owners[i / 3] : null));
            }
        }

        return [.. done];
    }

    private static short Number(string partition) => short.Parse(partition, NumberStyles.None, CultureInfo.InvariantCulture);
}
