using Npgsql;

namespace CustomerSuccess.TestSupport;

/// <summary>Row counts that storage tests assert on.</summary>
public static class DatabaseCounts
{
    public static async Task<long> RowsAsync(string connectionString, string table)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
