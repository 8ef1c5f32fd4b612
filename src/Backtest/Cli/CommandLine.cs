using System.Globalization;
using CustomerSuccess.Grains.Interfaces.Events;

namespace CustomerSuccess.Backtest.Cli;

/// <summary>
/// A command's arguments: positionals, and "--name value" / "--flag" options. Every option a command
/// does not know is an error, so a typo never silently leaves a default in place.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            if (flags.Contains(name))
            {
                _options[name] = null;
            }
            else if (i + 1 < args.Count)
            {
                _options[name] = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value.");
            }
        }
    }

    public List<string> Positionals { get; } = [];

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback)
    {
        var text = String(name);
        return text is null ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
            : throw new UsageException($"--{name}: '{text}' is not a whole number >= 0.");
    }

    /// <summary>A duration as "d.hh:mm:ss" / "hh:mm:ss", or a number with a unit: "90s", "15m", "2h", "7d".</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (text.Length > 1 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span
            : throw new UsageException($"--{name}: '{text}' is not a duration (e.g. 7d, 12h, 30m, 1.00:00:00).");
    }

    public DateTimeOffset Time(string name, DateTimeOffset fallback)
    {
        var text = String(name);
        return text is null ? fallback
            : Rfc3339Time.TryParse(text, out var time) ? time
            : throw new UsageException($"--{name}: '{text}' is not an RFC 3339 time with an offset (2026-01-05T09:00:00Z).");
    }

    /// <summary>Fails on options the command never asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _options.Keys)
        {
            if (!_used.Contains(name))
            {
                throw new UsageException($"unknown option --{name}.");
            }
        }
    }
}

/// <summary>The command line is wrong: the message says how; the usage text follows it.</summary>
public sealed class UsageException(string message) : Exception(message);
