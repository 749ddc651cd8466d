using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Integrations.Benchmarks.Sync;

/// <summary>
/// <c>dotnet run -c Release --project tests/Integrations.Benchmarks -- sync-throughput [--items 100000,1000000] [--page 500] [--rounds N] [--repeat 1] [--no-memory] [--tiered]</c>
/// (and <c>sync-link-table [items] [rounds]</c>, the in-memory store alone: see <see cref="SyncLinkTableTiming"/>):
/// pulls generated items from the sandbox resource through (a) a plain HttpClient + System.Text.Json
/// loop that does nothing else, (b) the sync engine with the in-memory stores, (c) the sync engine with
/// links kept outside the process (the engine's own memory).
/// </summary>
/// <remarks>
/// Throughput: per item count one child process sets every mode up and runs rounds of one pass per
/// mode; the ratio to the plain loop is the median of the rounds' ratios (a shared machine drifts, a
/// round mostly does not). Memory: per mode and item count a fresh child process runs that mode
/// alone, so the peak working sets do not mix.
/// </remarks>
internal static class SyncThroughputCommand
{
    public const string Name = "sync-throughput";
    private const string RoundsName = "sync-throughput-rounds";
    private const string AloneName = "sync-throughput-alone";

    private static readonly SyncThroughputMode[] Modes = [SyncThroughputMode.Plain, SyncThroughputMode.Engine, SyncThroughputMode.EngineExternalLinks];

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is Name or RoundsName or AloneName or SyncLinkTableTiming.Name;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == SyncLinkTableTiming.Name)
        {
            return await SyncLinkTableTiming.RunAsync(args);
        }

        var options = Parse(args);
        switch (args[0])
        {
            case RoundsName:
                var rounds = await SyncThroughputRun.MeasureRoundsAsync(options.Modes, options.Items[0], options.PageSize, options.Rounds ?? 3);
                Console.WriteLine(JsonSerializer.Serialize(rounds, SyncThroughputJson.Default.ListSyncThroughputResult));
                return 0;
            case AloneName:
                var alone = await SyncThroughputRun.MeasureAloneAsync(options.Modes[0], options.Items[0], options.PageSize);
                Console.WriteLine(JsonSerializer.Serialize(alone, SyncThroughputJson.Default.SyncThroughputResult));
                return 0;
        }

        Console.WriteLine($"Pulling generated sandbox items in pages of {options.PageSize}, each mode warmed up in a host set up once per process; {(options.Tiered ? "tiered compilation (the runtime's default)" : "DOTNET_TieredCompilation=0 and DOTNET_ReadyToRun=0 (every method jitted once, fully optimized)")}.");
        Console.WriteLine();
        Console.WriteLine("Throughput: one process per item count, rounds of one pass per mode (rotating order); medians over the rounds.");
        Console.WriteLine($"{"mode",-20} {"items",10} {"rounds",6} {"items/CPU s",12} {"items/s",10} {"÷ plain (CPU)",14} {"range",12} {"÷ plain (wall)",15} {"alloc B/item",13} {"GC pause s",10}");
        List<(SyncThroughputMode Mode, int Items, double Ratio)> ratios = [];
        foreach (var items in options.Items)
        {
            var rounds = options.Rounds ?? Math.Clamp(2_000_000 / items, 5, 9);
            var results = await InChildAsync(RoundsName, Modes, items, rounds, options, SyncThroughputJson.Default.ListSyncThroughputResult);
            foreach (var mode in Modes)
            {
                var own = results.Where(r => r.Mode == mode).OrderBy(r => r.Round).ToList();
                var cpuRatios = own.Select(r => r.ItemsPerCpuSecond / PlainOf(results, r).ItemsPerCpuSecond).ToList();
                var wallRatios = own.Select(r => r.ItemsPerSecond / PlainOf(results, r).ItemsPerSecond).ToList();
                var ratio = BenchmarkStatistics.Median(cpuRatios);
                ratios.Add((mode, items, ratio));
                Console.WriteLine($"{mode,-20} {items,10:N0} {rounds,6} {BenchmarkStatistics.Median(own.Select(r => r.ItemsPerCpuSecond)),12:N0} {BenchmarkStatistics.Median(own.Select(r => r.ItemsPerSecond)),10:N0} {ratio,14:P0} {$"{cpuRatios.Min():P0}–{cpuRatios.Max():P0}",12} {BenchmarkStatistics.Median(wallRatios),15:P0} {BenchmarkStatistics.Median(own.Select(r => r.AllocatedBytesPerItem)),13:N0} {BenchmarkStatistics.Median(own.Select(r => r.GcPauseSeconds)),10:F3}");
            }
        }

        if (options.Memory)
        {
            Console.WriteLine();
            Console.WriteLine($"Memory: each mode alone in a fresh process (highest peak of {options.Repeat}).");
            Console.WriteLine($"{"mode",-20} {"items",10} {"peak WS MB",11} {"heap MB",8} {"alloc B/item",13} {"GC 0/1/2",10} {"GC pause s",10} {"kept B/item",12}");
            List<SyncThroughputResult> alone = [];
            foreach (var items in options.Items)
            {
                foreach (var mode in Modes)
                {
                    List<SyncThroughputResult> attempts = [];
                    for (var repeat = 0; repeat < options.Repeat; repeat++)
                    {
                        attempts.Add(await InChildAsync(AloneName, [mode], items, 1, options, SyncThroughputJson.Default.SyncThroughputResult));
                    }

                    var result = attempts.MaxBy(r => r.PeakWorkingSetMb)!;
                    alone.Add(result);
                    Console.WriteLine($"{mode,-20} {items,10:N0} {result.PeakWorkingSetMb,11:N0} {result.ManagedHeapMb,8:N0} {result.AllocatedBytesPerItem,13:N0} {$"{result.Gen0Collections}/{result.Gen1Collections}/{result.Gen2Collections}",10} {result.GcPauseSeconds,10:F3} {result.KeptBytesPerItem,12:N0}");
                }
            }

            if (options.Items.Count > 1)
            {
                Console.WriteLine();
                var (small, large) = (options.Items.Min(), options.Items.Max());
                foreach (var mode in Modes)
                {
                    var a = alone.Single(r => r.Items == small && r.Mode == mode);
                    var b = alone.Single(r => r.Items == large && r.Mode == mode);
                    Console.WriteLine($"{mode}: peak working set at {large:N0} items is {b.PeakWorkingSetMb / a.PeakWorkingSetMb:P0} of that at {small:N0} ({b.PeakWorkingSetMb - a.PeakWorkingSetMb:N0} MB more).");
                }
            }
        }

        Console.WriteLine();
        foreach (var (mode, items, ratio) in ratios.Where(r => r.Mode != SyncThroughputMode.Plain))
        {
            Console.WriteLine($"{mode} at {items:N0} items: {ratio:P0} of the plain loop's throughput per CPU second (median of the rounds).");
        }

        return 0;
    }

    private static SyncThroughputResult PlainOf(List<SyncThroughputResult> results, SyncThroughputResult result) =>
        results.Single(r => r.Round == result.Round && r.Mode == SyncThroughputMode.Plain);

    private static async Task<T> InChildAsync<T>(string verb, IReadOnlyList<SyncThroughputMode> modes, int items, int rounds, Options options, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!options.Tiered)
        {
            // Every method compiled once, fully optimized, by the same JIT: otherwise tier-up and PGO
            // instrumentation, still under way after the warm-up, dominate the shorter passes. Without
            // ReadyToRun too: the framework's precompiled code (all the plain loop runs) is slower than
            // jitted code, and would flatter the engine's ratio.
            start.Environment["DOTNET_TieredCompilation"] = "0";
            start.Environment["DOTNET_ReadyToRun"] = "0";
        }

        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SyncThroughputCommand).Assembly.Location);
        }

        foreach (var argument in new[] { verb, "--modes", string.Join(',', modes), "--items", items.ToString(CultureInfo.InvariantCulture), "--page", options.PageSize.ToString(CultureInfo.InvariantCulture), "--rounds", rounds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The benchmark child ({verb} {string.Join(',', modes)} {items}) exited with {child.ExitCode}.");
        }

        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{') || l.StartsWith('['));
        return JsonSerializer.Deserialize(line, typeInfo)!;
    }

    private static Options Parse(string[] args)
    {
        var flags = args.Where(a => a is "--tiered" or "--no-memory").ToHashSet();
        args = args.Where(a => !flags.Contains(a)).ToArray();
        var options = new Options { Tiered = flags.Contains("--tiered"), Memory = !flags.Contains("--no-memory") };
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--modes" => options with { Modes = value.Split(',').Select(Enum.Parse<SyncThroughputMode>).ToList() },
                "--items" => options with { Items = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList() },
                "--page" => options with { PageSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--repeat" => options with { Repeat = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private sealed record Options
    {
        public IReadOnlyList<SyncThroughputMode> Modes { get; init; } = SyncThroughputCommand.Modes;

        public IReadOnlyList<int> Items { get; init; } = [100_000, 1_000_000];

        public int PageSize { get; init; } = 500;

        public int? Rounds { get; init; }

        public int Repeat { get; init; } = 1;

        public bool Memory { get; init; } = true;

        public bool Tiered { get; init; }
    }
}
