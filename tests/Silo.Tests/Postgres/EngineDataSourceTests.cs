using CustomerSuccess.Silo.Hosting;
using CustomerSuccess.Silo.Storage.Postgres;
using CustomerSuccess.Silo.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CustomerSuccess.Silo.Tests.Postgres;

public sealed class EngineDataSourceTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_engines_small_pool()
    {
        var capped = new NpgsqlConnectionStringBuilder(EngineDataSource.WithConnectionCap("Host=db;Username=cs;Database=cs"));

        Assert.Equal(EngineDataSource.DefaultMaxConnections, capped.MaxPoolSize);
        Assert.Equal("db", capped.Host);
        Assert.Equal("cs", capped.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=50")]
    [InlineData("Host=db;MaxPoolSize=50")]
    [InlineData("Host=db;maximum pool size=50")]
    public void A_pool_size_the_operator_set_is_kept_whatever_its_spelling(string connectionString)
    {
        var kept = new NpgsqlConnectionStringBuilder(EngineDataSource.WithConnectionCap(connectionString));

        Assert.Equal(50, kept.MaxPoolSize);
    }

    [Fact]
    public void A_minimum_pool_size_above_the_engines_cap_raises_the_maximum_to_it()
    {
        var capped = new NpgsqlConnectionStringBuilder(EngineDataSource.WithConnectionCap("Host=db;Minimum Pool Size=10"));

        Assert.Equal(10, capped.MinPoolSize);
        Assert.Equal(10, capped.MaxPoolSize);
    }

    [Fact]
    public void The_writes_pool_prepares_its_statements_the_queries_pool_plans_each_and_neither_resets_by_default()
    {
        var writes = new NpgsqlConnectionStringBuilder(EngineDataSource.WithConnectionCap("Host=db"));
        var queries = new NpgsqlConnectionStringBuilder(EngineDataSource.ForQueries("Host=db"));

        Assert.Equal(EngineDataSource.AutoPreparedStatements, writes.MaxAutoPrepare);
        Assert.True(writes.NoResetOnClose);
        Assert.Equal(0, queries.MaxAutoPrepare);
        Assert.True(queries.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=7;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=7;NoResetOnClose=false")]
    public void Statement_settings_the_operator_set_are_kept(string connectionString)
    {
        var writes = new NpgsqlConnectionStringBuilder(EngineDataSource.WithConnectionCap(connectionString));
        var queries = new NpgsqlConnectionStringBuilder(EngineDataSource.ForQueries(connectionString));

        Assert.Equal(7, writes.MaxAutoPrepare);
        Assert.False(writes.NoResetOnClose);
        Assert.Equal(7, queries.MaxAutoPrepare);
        Assert.False(queries.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db")]
    [InlineData("Host=db;Maximum Pool Size=100")]
    [InlineData("Host=db;Minimum Pool Size=10")]
    public void The_queries_pool_stays_at_its_own_size_whatever_the_writes_pool_is_given(string connectionString)
    {
        var queries = new NpgsqlConnectionStringBuilder(EngineDataSource.ForQueries(connectionString));

        Assert.Equal(EngineDataSource.QueryConnections, queries.MaxPoolSize);
        Assert.True(queries.MinPoolSize <= queries.MaxPoolSize);
        Assert.Equal("db", queries.Host);
    }
}

[Collection("postgres")]
public sealed class QueryPoolTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_task_list_read_and_the_readiness_probe_answer_while_every_write_connection_is_busy()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("querypool");
        await using (var migrated = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(migrated, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCustomerSuccessSilo(configuration).BuildServiceProvider();

        // Every connection of the engine's write pool held, as by flushes that take their time.
        var writes = services.GetRequiredService<NpgsqlDataSource>();
        var held = new List<NpgsqlConnection>();
        for (var i = 0; i < EngineDataSource.DefaultMaxConnections; i++)
        {
            held.Add(await writes.OpenConnectionAsync());
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var tasks = await services.GetRequiredService<ITaskList>().ListAsync(new TaskListQuery(null, null, null, null, 10), timeout.Token);
            Assert.Empty(tasks);
            Assert.True(await services.GetRequiredService<IStorageHealth>().IsReadyAsync(timeout.Token));
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
