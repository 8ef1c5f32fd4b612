using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CustomerSuccess.LoadGen;

/// <summary>
/// Starts the API (a built CustomerSuccess.Api.dll) as a child process on a free port, so a run is one
/// command: Production environment (no demo, no generated keys), one admin key made up here and
/// configured by its hash, a rate limit no run reaches, and warnings only in the log (a log line per
/// request would be measured as well). Killed when the run ends.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EngineProcess(Process process, Uri url, string key)
    {
        _process = process;
        Url = url;
        Key = key;
    }

    public Uri Url { get; }

    public string Key { get; }

    public static async Task<EngineProcess> StartAsync(string dll, string? postgres, IReadOnlyList<string> environment)
    {
        var key = "lg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.GetFullPath(dll), "--urls", url.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__Keys__0__Name"] = "loadgen";
        start.Environment["Auth__Keys__0__Role"] = "admin";
        start.Environment["Auth__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        start.Environment["RateLimit__PermitLimit"] = "100000000";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        if (postgres is not null)
        {
            start.Environment["ConnectionStrings__Postgres"] = postgres;
        }

        foreach (var assignment in environment)
        {
            var (name, value) = assignment.Split('=', 2) is [var n, var v] ? (n, v) : throw new ArgumentException($"--engine-env takes NAME=VALUE, not '{assignment}'.");
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var engine = new EngineProcess(process, url, key);

        // A run stopped from outside (Ctrl-C, a timeout's SIGTERM) must not leave the engine running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => engine.Kill();
        Console.CancelKeyPress += (_, _) => engine.Kill();
        await engine.WaitUntilReadyAsync();
        Console.WriteLine($"Engine started: pid {process.Id}, {url}, {(postgres is null ? "memory" : "PostgreSQL")} mode{(environment.Count > 0 ? ", with " + string.Join(' ', environment) : "")}");
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone, or disposed.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The engine exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting (a PostgreSQL replay can take a while).
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The engine was not ready within 120 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.WriteLine($"  engine: {line}");
        }
    }
}
