using System.Diagnostics;

namespace Integrations.Benchmarks.Sync;

/// <summary>Measures passes in the current process, after a warm-up.</summary>
internal static class SyncThroughputRun
{
    private const double Megabyte = 1024 * 1024;

    /// <summary>
    /// Throughput: every mode set up side by side, then <paramref name="rounds"/> rounds that run each
    /// mode once (in a rotating order). Comparing the passes of one round cancels most of the drift of
    /// a shared machine; the working sets mix, so memory is measured by <see cref="MeasureAloneAsync"/>.
    /// </summary>
    public static async Task<List<SyncThroughputResult>> MeasureRoundsAsync(IReadOnlyList<SyncThroughputMode> modes, int items, int pageSize, int rounds)
    {
        List<SyncThroughputPass> passes = [];
        try
        {
            foreach (var mode in modes)
            {
                passes.Add(SyncThroughputPass.Create(mode, items, pageSize, WarmUpItems(items)));
            }

            foreach (var pass in passes)
            {
                await WarmUpAsync(pass);
            }

            Thread.Sleep(TimeSpan.FromSeconds(1));
            List<SyncThroughputResult> results = [];
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < passes.Count; i++)
                {
                    results.Add(await MeasurePassAsync(passes[(i + round) % passes.Count], round));
                }
            }

            return results;
        }
        finally
        {
            foreach (var pass in passes)
            {
                await pass.DisposeAsync();
            }
        }
    }

    /// <summary>Memory: one mode alone in this process; short passes are measured several times and the cheapest kept.</summary>
    public static async Task<SyncThroughputResult> MeasureAloneAsync(SyncThroughputMode mode, int items, int pageSize)
    {
        await using var pass = SyncThroughputPass.Create(mode, items, pageSize, WarmUpItems(items));
        await WarmUpAsync(pass);
        Thread.Sleep(TimeSpan.FromSeconds(1));
        SyncThroughputResult? best = null;
        for (var i = 0; i < Math.Clamp(1_000_000 / items, 1, 5); i++)
        {
            var result = await MeasurePassAsync(pass, i);
            best = best is null || result.CpuSeconds < best.CpuSeconds ? result : best;
        }

        return best!;
    }

    private static int WarmUpItems(int items) => Math.Min(50_000, items);

    /// <summary>
    /// Enough pages (400 of 500 items) that the methods called once per page run their final code,
    /// with tiered compilation too. Benchmark code: the pause lets the background compiler finish,
    /// it does not wait for behaviour.
    /// </summary>
    private static async Task WarmUpAsync(SyncThroughputPass pass)
    {
        for (var i = 0; i < 4; i++)
        {
            await pass.WarmUpAsync();
            await pass.CleanUpAsync();
        }
    }

    private static async Task<SyncThroughputResult> MeasurePassAsync(SyncThroughputPass pass, int round)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pausedBefore = GC.GetTotalPauseDuration();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var count = await pass.RunAsync();
        watch.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds;
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        var collected = (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3);

        // What the pass left behind (the in-memory store's links): the heap before and after its clean-up.
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        await pass.CleanUpAsync();
        var kept = retained - GC.GetTotalMemory(forceFullCollection: true);
        return new SyncThroughputResult(
            pass.Mode,
            count,
            round,
            watch.Elapsed.TotalSeconds,
            cpu,
            self.PeakWorkingSet64 / Megabyte,
            managed / Megabyte,
            allocated / (double)count,
            collected.Item1,
            collected.Item2,
            collected.Item3,
            paused,
            kept / (double)count);
    }
}
