using CustomerSuccess.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerSuccess.Silo.Hosting;

/// <summary>Ready when PostgreSQL answers a trivial query within a couple of seconds.</summary>
internal sealed class PostgresStorageHealth([FromKeyedServices(EngineDataSource.QueriesKey)] NpgsqlDataSource dataSource) : IStorageHealth
{
    public string Mode => "postgres";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return false;
        }
    }
}
