using CustomerSuccess.Silo.Storage.Postgres;
using CustomerSuccess.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

/// <summary>One throwaway PostgreSQL server for the test classes of the "postgres" collection.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh database with the current schema.</summary>
    public async Task<NpgsqlDataSource> CreateMigratedDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await Server.CreateDatabaseAsync());
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return dataSource;
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
