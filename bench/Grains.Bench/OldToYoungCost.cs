using System.Diagnostics;

namespace CustomerSuccess.Grains.Bench;

/// <summary>
/// What the collector's young collections cost for old objects that point at young ones, without the
/// domain: 100,000 old "states" of 30 small parts each, and rounds that allocate ~8 KB of garbage per
/// state while storing a new string into <c>refs</c> parts of <c>percent</c> % of the states. The pause
/// per round against the share of states touched that way says what updating the customer states in
/// place would save (docs/BENCHMARKS.md, issue 3, session 15). Run one setting per process.
/// </summary>
internal static class OldToYoungCost
{
    private const int States = 100_000;
    private const int Parts = 30;
    private const int Rounds = 12;
    private const int GarbagePerState = 40;

    public static void Run(int percent, int refs)
    {
        var states = new Part[States][];
        for (var i = 0; i < States; i++)
        {
            var state = states[i] = new Part[Parts];
            for (var p = 0; p < Parts; p++)
            {
                state[p] = new Part { Data = new byte[80], Text = $"{i}:{p}", More = new byte[40] };
            }
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        object? garbage = null;
        for (var round = 0; round < Rounds; round++)
        {
            var pausedBefore = GC.GetTotalPauseDuration();
            var young = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < States; i++)
            {
                for (var k = 0; k < GarbagePerState; k++)
                {
                    garbage = new byte[200];
                }

                var state = states[i];
                // Spread over the states by a fixed stride, so every round touches a different share.
                if ((i * 7919 + round * 13) % 100 < percent)
                {
                    for (var r = 0; r < refs; r++)
                    {
                        state[(r * 7 + round) % Parts].Text = new string('a', 20);
                    }
                }

                // An update in place: no reference written.
                state[round % Parts].Data[round % 80]++;
            }

            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            Console.WriteLine($"old-to-young: {percent} % of states, {refs} new reference(s) each, round {round}: {clock.ElapsedMilliseconds:N0} ms, paused {paused.TotalMilliseconds:N0} ms in {GC.CollectionCount(0) - young} collections");
        }

        GC.KeepAlive(garbage);
    }

    private sealed class Part
    {
        public byte[] Data = [];
        public string Text = "";
        public byte[] More = [];
    }
}
