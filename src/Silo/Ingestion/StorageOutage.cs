using System.Net.Sockets;
using Npgsql;

namespace CustomerSuccess.Silo.Ingestion;

/// <summary>
/// Tells an outage of the storage (worth a retry, 503 with Retry-After) from a fault in what was asked
/// of it. A server that refuses a row for its data (a 22xxx or 23xxx state) is not down: answering 503
/// would have the client send the same request again and again.
/// </summary>
public static class StorageOutage
{
    public static bool Is(Exception error) => error switch
    {
        PostgresException server => IsTransient(server.SqlState),
        NpgsqlException or SocketException or TimeoutException or ObjectDisposedException => true,
        StorageUnavailableException => true,
        _ => error.InnerException is { } inner && Is(inner),
    };

    // Connection exceptions, insufficient resources, operator intervention (shutdown, restart), system
    // errors, and the two a retry resolves: serialization failure and deadlock.
    private static bool IsTransient(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal)
        || state is "40001" or "40P01";
}
