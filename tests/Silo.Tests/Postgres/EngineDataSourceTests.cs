using CustomerSuccess.Silo.Storage.Postgres;
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
}
