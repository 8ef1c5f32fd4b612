using System.Diagnostics;
using System.Globalization;
using CustomerSuccess.Backtest.Replay;

namespace CustomerSuccess.Backtest.Cli;

/// <summary>
/// One line redrawn in place: percent of the file read, a bar, events and events/s. Only on an
/// interactive terminal: when output is redirected (a file, a pipe, CI) nothing is drawn, so logs and
/// the report stay clean. Wall-clock time here measures the run, never the replay.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _lastDrawMs = -1_000;
    private bool _drawn;

    public static ProgressBar? ForConsole() => Console.IsOutputRedirected ? null : new ProgressBar();

    public void Report(ReplayProgress progress)
    {
        var now = _watch.ElapsedMilliseconds;
        if (now - _lastDrawMs < 200)
        {
            return;
        }

        _lastDrawMs = now;
        var fraction = progress.BytesTotal > 0 ? Math.Clamp((double)progress.BytesRead / progress.BytesTotal, 0, 1) : 0;
        var filled = (int)(fraction * Width);
        var rate = progress.Events / Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
        Console.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r{fraction * 100,5:0.0}% [{new string('#', filled)}{new string(' ', Width - filled)}] {progress.Events:N0} events  {rate:N0} events/s   "));
        _drawn = true;
    }

    /// <summary>Ends the line, so what is printed next starts on its own.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            Console.WriteLine();
        }
    }
}
