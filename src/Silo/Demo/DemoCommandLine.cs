namespace CustomerSuccess.Silo.Demo;

/// <summary>
/// Turns the bare <c>--demo</c> switch into <c>--Demo:Enabled=true</c>: the command-line
/// configuration provider ignores a key without a value, and a newcomer should not need to know
/// the configuration syntax to see the demo.
/// </summary>
public static class DemoCommandLine
{
    public static string[] Expand(string[] args) =>
        Array.ConvertAll(args, a => string.Equals(a, "--demo", StringComparison.OrdinalIgnoreCase) ? "--Demo:Enabled=true" : a);
}
