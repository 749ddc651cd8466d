using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Integrations.Benchmarks.Sync;

/// <summary>
/// <c>dotnet run -c Release --project tests/Integrations.Benchmarks -- sync-throughput [--items 100000,1000000] [--page 500] [--repeat 3] [--tiered]</c>:
/// pulls generated items from the sandbox resource through (a) a plain HttpClient + System.Text.Json
/// loop that does nothing else, (b) the sync engine with the in-memory stores, (c) the sync engine with
/// links kept outside the process (the engine's own memory), each in a fresh process so peak working
/// sets do not mix, and prints throughput and peak working set.
/// </summary>
internal static class SyncThroughputCommand
{
    public const string Name = "sync-throughput";
    private const string RunName = "sync-throughput-run";

    private static readonly SyncThroughputMode[] Modes = [SyncThroughputMode.Plain, SyncThroughputMode.Engine, SyncThroughputMode.EngineExternalLinks];

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is Name or RunName;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (args[0] == RunName)
        {
            var result = await SyncThroughputRun.MeasureAsync(options.Mode, options.Items[0], options.PageSize);
            Console.WriteLine(JsonSerializer.Serialize(result, SyncThroughputJson.Default.SyncThroughputResult));
            return 0;
        }

        Console.WriteLine($"Pulling generated sandbox items in pages of {options.PageSize}; each run in a fresh process after a warm-up pass; least CPU time of {options.Repeat} runs, highest peak working set of them; {(options.Tiered ? "tiered compilation" : "DOTNET_TieredCompilation=0")}.");
        Console.WriteLine($"{"mode",-20} {"items",10} {"wall s",7} {"items/s",9} {"CPU s",6} {"items/CPU s",12} {"peak WS MB",11} {"heap MB",8} {"alloc B/item",13} {"GC 0/1/2",10}");
        List<SyncThroughputResult> results = [];
        foreach (var items in options.Items)
        {
            // Repeated and interleaved, keeping each mode's run with the least CPU time: the machine is shared.
            List<SyncThroughputResult> attempts = [];
            for (var repeat = 0; repeat < options.Repeat; repeat++)
            {
                foreach (var mode in Modes)
                {
                    attempts.Add(await MeasureInChildAsync(mode, items, options.PageSize, options.Tiered));
                }
            }

            foreach (var mode in Modes)
            {
                var result = attempts.Where(r => r.Mode == mode).MinBy(r => r.CpuSeconds)!;
                var peak = attempts.Where(r => r.Mode == mode).Max(r => r.PeakWorkingSetMb);
                results.Add(result with { PeakWorkingSetMb = peak });
                Console.WriteLine($"{result.Mode,-20} {result.Items,10:N0} {result.Seconds,7:F2} {result.ItemsPerSecond,9:N0} {result.CpuSeconds,6:F2} {result.ItemsPerCpuSecond,12:N0} {peak,11:N0} {result.ManagedHeapMb,8:N0} {result.AllocatedBytesPerItem,13:N0} {$"{result.Gen0Collections}/{result.Gen1Collections}/{result.Gen2Collections}",10}");
            }
        }

        Console.WriteLine();
        foreach (var items in options.Items)
        {
            var plain = results.Single(r => r.Items == items && r.Mode == SyncThroughputMode.Plain);
            foreach (var engine in results.Where(r => r.Items == items && r.Mode != SyncThroughputMode.Plain))
            {
                Console.WriteLine($"{engine.Mode} at {items:N0} items: {engine.ItemsPerCpuSecond / plain.ItemsPerCpuSecond:P0} of the plain loop's throughput per CPU second ({engine.ItemsPerSecond / plain.ItemsPerSecond:P0} by wall clock).");
            }
        }

        if (options.Items.Count > 1)
        {
            var (small, large) = (options.Items.Min(), options.Items.Max());
            foreach (var mode in Modes)
            {
                var a = results.Single(r => r.Items == small && r.Mode == mode);
                var b = results.Single(r => r.Items == large && r.Mode == mode);
                Console.WriteLine($"{mode}: peak working set at {large:N0} items is {b.PeakWorkingSetMb / a.PeakWorkingSetMb:P0} of that at {small:N0}.");
            }
        }

        return 0;
    }

    private static async Task<SyncThroughputResult> MeasureInChildAsync(SyncThroughputMode mode, int items, int pageSize, bool tiered)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!tiered)
        {
            // Fully optimized code from the first call: otherwise tier-up and PGO instrumentation,
            // still under way after the warm-up, dominate the shorter (100,000-item) runs.
            start.Environment["DOTNET_TieredCompilation"] = "0";
        }

        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SyncThroughputCommand).Assembly.Location);
        }

        foreach (var argument in new[] { RunName, "--mode", mode.ToString(), "--items", items.ToString(CultureInfo.InvariantCulture), "--page", pageSize.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{'));
        return JsonSerializer.Deserialize(line, SyncThroughputJson.Default.SyncThroughputResult)!;
    }

    private static (SyncThroughputMode Mode, List<int> Items, int PageSize, int Repeat, bool Tiered) Parse(string[] args)
    {
        var tiered = args.Contains("--tiered");
        args = args.Where(a => a != "--tiered").ToArray();
        var mode = SyncThroughputMode.Engine;
        List<int> items = [100_000, 1_000_000];
        var pageSize = 500;
        var repeat = 3;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--mode":
                    mode = Enum.Parse<SyncThroughputMode>(args[i + 1]);
                    break;
                case "--items":
                    items = args[i + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--page":
                    pageSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--repeat":
                    repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return (mode, items, pageSize, repeat, tiered);
    }
}
