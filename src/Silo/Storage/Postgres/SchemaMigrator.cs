using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CustomerSuccess.Silo.Storage.Postgres;

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly (Migrations/NNNN_name.sql) in
/// order, each recorded in schema_version, all in one transaction. An advisory lock makes two
/// processes starting at once take turns: the second finds the schema current and does nothing.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Any constant: the lock only has to be the same for every process of this product.
    private const long MigrationLockKey = 0x43_53_4D_49_47_52; // "CSMIGR"

    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    /// <summary>Brings the schema up to date and returns how many migrations were applied.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(int.MaxValue, cancellationToken);

    /// <summary>
    /// Applies the migrations up to and including <paramref name="throughVersion"/>, leaving the schema
    /// as an older engine would: what a test of an upgrade starts from.
    /// </summary>
    internal async Task<int> MigrateAsync(int throughVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        int current;
        await using (var query = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction))
        {
            current = (int)(await query.ExecuteScalarAsync(cancellationToken))!;
        }

        // A newer engine may store what this one cannot read (its states, its task rows): starting
        // anyway would read them wrongly, so a rollback past a migration is refused, not attempted.
        var known = Migrations.Count > 0 ? Migrations[^1].Version : 0;
        if (current > known)
        {
            throw new InvalidOperationException(
                $"The database's schema is at version {current}, newer than this engine's {known}: run an engine at least as new as the schema.");
        }

        var applied = 0;
        foreach (var migration in Migrations)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            if (migration.Version > throughVersion)
            {
                break;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Applied schema migration {Version} {Name}", migration.Version, migration.Name);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken);
        if (applied == 0)
        {
            logger.LogInformation("Schema is current at version {Version}", current);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Migration[] LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("Migrations.", StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource["Migrations.".Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..separator], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered 1, 2, 3…; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations.ToArray();
    }

    public sealed record Migration(int Version, string Name, string Sql);
}
