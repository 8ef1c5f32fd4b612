using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CustomerSuccess.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for tests: a temporary data directory, a free port on loopback,
/// started from the machine's PostgreSQL binaries (Debian's postgresql-15) and removed afterwards.
/// As root, the server programs run as the 'postgres' user, since initdb refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly bool _runAsPostgresUser;
    private readonly bool _durable;
    private int _databases;

    private PostgresServer(string binDirectory, string dataDirectory, int port, bool runAsPostgresUser, bool durable)
    {
        _durable = durable;
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _runAsPostgresUser = runAsPostgresUser;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    /// <summary>The server's maintenance database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>
    /// Starts a server. Tests run with fsync off (a killed client process loses nothing either way);
    /// benchmarks pass <paramref name="durable"/> so commits reach the disk as in production.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var bin = FindBinDirectory();
        var runAsPostgres = Environment.UserName == "root";
        var data = Path.Combine(Path.GetTempPath(), $"cs-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (runAsPostgres)
        {
            await RunAsync("chown", ["postgres:postgres", data], asPostgres: false);
        }

        var server = new PostgresServer(bin, data, FreePort(), runAsPostgres, durable);
        await server.RunToolAsync("initdb", ["-D", Path.Combine(data, "db"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        await server.StartServerAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopServerAsync().GetAwaiter().GetResult();
        return server;
    }

    /// <summary>Starts (or restarts, for outage tests) the server on its data directory and port.</summary>
    public async Task StartServerAsync()
    {
        // CS_POSTGRES_OPTIONS adds server settings for a diagnosis, e.g.
        // "-c shared_preload_libraries=pg_stat_statements" to see which statements a benchmark spends its time in.
        var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c max_connections=200"
            + (_durable ? " -c shared_buffers=1GB" : " -c fsync=off -c full_page_writes=off")
            + (Environment.GetEnvironmentVariable("CS_POSTGRES_OPTIONS") is { Length: > 0 } extra ? " " + extra : string.Empty);
        await RunToolAsync("pg_ctl", ["-D", Path.Combine(DataDirectory, "db"), "-l", Path.Combine(DataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        IsRunning = true;
    }

    /// <summary>Stops the server, keeping its data (an outage).</summary>
    public async Task StopServerAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        IsRunning = false;
        NpgsqlConnection.ClearAllPools();
        await RunToolAsync("pg_ctl", ["-D", Path.Combine(DataDirectory, "db"), "-m", "immediate", "-w", "stop"]);
    }

    /// <summary>Creates an empty database and returns its connection string: each test class gets its own.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 20)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = 5,
            CommandTimeout = 60,
        }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying server process: the temp directory is cleaned up by the OS.
        }
    }

    private Task RunToolAsync(string tool, string[] arguments) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, _runAsPostgresUser);

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("CS_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).ToArray()
            : [];
        return candidates.OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server programs not found under /usr/lib/postgresql/*/bin (Debian package postgresql-15), and CS_POSTGRES_BIN is not set.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
