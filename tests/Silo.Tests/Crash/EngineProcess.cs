using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CustomerSuccess.Silo.Tests.Crash;

/// <summary>The engine (src/Api in PostgreSQL mode) as a child process, to be killed like a crash kills it.</summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    public const string Key = "crash-test-admin-key";

    private readonly Process _process;

    private EngineProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EngineProcess> StartAsync(string postgres)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly())!,
        };
        start.ArgumentList.Add(ApiAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Postgres"] = postgres;
        start.Environment["Auth__Keys__0__Name"] = "crash-test";
        start.Environment["Auth__Keys__0__Role"] = "admin";
        start.Environment["Auth__Keys__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        start.Environment["RateLimit__PermitLimit"] = "1000000";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the engine.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var engine = new EngineProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await engine.WaitUntilReadyAsync();
        return engine;
    }

    /// <summary>SIGKILL: no shutdown hooks, no state written, connections cut.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    // A real process takes real time to start: poll its readiness, bounded, rather than guess a delay.
    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The engine exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The engine did not become ready within 90 s.");
    }

    private static string ApiAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CustomerSuccess.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException("The repository root (CustomerSuccess.sln) was not found above the test binaries.");
        }

#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(directory.FullName, "src", "Api", "bin", configuration, "net10.0", "CustomerSuccess.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Api first.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
