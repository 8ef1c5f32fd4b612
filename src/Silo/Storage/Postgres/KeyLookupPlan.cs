using Npgsql;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// For the statements that match a batch of keys (an <c>unnest</c> of arrays) against a table's primary
/// key. The engine prepares them once and keeps their plans (<see cref="EngineDataSource"/>), and a
/// plan made while the table was young (a fresh database, a portfolio loading its first customers) hashes
/// the whole table: every later execution scans all of it, at a cost that grows with the table until an
/// ANALYZE replans. On a fresh database that kept the server busy ~3 ms per wake-up flush for a few
/// dozen keys (docs/BENCHMARKS.md, issue 4, session 13). With sequential scans ruled out for the
/// transaction, the plan is the primary key's look-ups, right at any table size.
/// </summary>
internal static class KeyLookupPlan
{
    /// <summary>The first command of a batch that runs in an explicit transaction (it is a SET LOCAL).</summary>
    public static NpgsqlBatchCommand ByPrimaryKey() => new("SET LOCAL enable_seqscan = off");
}
