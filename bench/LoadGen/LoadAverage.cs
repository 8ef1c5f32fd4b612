namespace CustomerSuccess.LoadGen;

/// <summary>
/// The machine is shared; a figure means little without the load it was taken under, so every run
/// prints /proc/loadavg at its start and end.
/// </summary>
public static class LoadAverage
{
    public static string Read()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
