using System.Globalization;
using Integrations.Testing;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Benchmarks.Storage;

/// <summary>
/// <c>dotnet run -c Release --project tests/Integrations.Benchmarks -- sync-postgres [--items 100000] [--page 500] [--repeat 3] [--explain]</c>:
/// pulls generated sandbox items through the real sync engine with the sync stores on PostgreSQL
/// (a fresh database per repeat on the TestSupport server: throw-away, or <c>INTEGRATIONS_TEST_POSTGRES</c>),
/// then forces a full resync over the links the first pull saved; the same pull with the in-memory
/// stores is the baseline. Prints items/s and the time of the store calls the engine makes per page
/// (link look-up, commit of the page's links and checkpoint, run update); <c>--explain</c> adds
/// PostgreSQL's executed plan of one page's link look-up.
/// </summary>
internal static class SyncPullOnPostgres
{
    public const string Name = "sync-postgres";

    private static bool Explain;

    public static bool Handles(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var (items, page, repeat) = Parse(args);
        var postgres = await PostgresServer.GetAsync();
        Console.WriteLine($"Pulling {items:N0} generated sandbox items in pages of {page} through the sync engine ({postgres.Description}); {repeat} repeats after a warm-up, each on a fresh database.");
        Console.WriteLine("Per page, in ms: the commit of its links and checkpoint, the look-up of its links, the run update; 'reconcile' is one batch of links not seen.");
        Console.WriteLine($"{"",-24}{"",7}{"",10}{"",6}{"commit",10}{"",7}{"",7}{"look-up",10}{"",7}{"run",8}{"",8}{"store",8}");
        Console.WriteLine($"{"scenario",-24}{"wall s",7}{"items/s",10}{"pages",6}{"median",10}{"p90",7}{"p99",7}{"median",10}{"p99",7}{"update",8}{"recon.",8}{"share",8}");

        await MeasureAsync(postgres, Math.Min(items, 20_000), page, print: false);
        for (var i = 0; i < repeat; i++)
        {
            await MeasureAsync(postgres, items, page, print: true);
        }

        return 0;
    }

    private static async Task MeasureAsync(PostgresServer postgres, int items, int page, bool print)
    {
        var source = SandboxSyncServer.CreateGenerated(items);
        await using (var memory = await SyncBenchmarkHost.CreateAsync(null, source, page))
        {
            Report("memory: full pull", await memory.SyncAsync(new SyncRequest()), memory.Timings, print);
        }

        var connectionString = await BenchmarkDatabase.CreateMigratedAsync(postgres, "syncbench");
        try
        {
            await using var host = await SyncBenchmarkHost.CreateAsync(connectionString, source, page);
            Report("postgres: full pull", await host.SyncAsync(new SyncRequest()), host.Timings, print);
            Report("postgres: full resync", await host.SyncAsync(new SyncRequest { ForceFullResync = true }), host.Timings, print);
            if (print && Explain)
            {
                // One page of ids in the middle of the resource, as the engine asks for them.
                var ids = Enumerable.Range(items / 2, Math.Min(page, items / 2)).Select(i => string.Create(CultureInfo.InvariantCulture, $"g{i:D9}")).ToList();
                Console.WriteLine(await host.ExplainLinkLookupAsync(ids));
            }

            if (print)
            {
                await using var db = BenchmarkDatabase.CreateContext(connectionString);
                var size = await db.Database.SqlQueryRaw<long>("SELECT pg_total_relation_size('integrations.sync_item_links') AS \"Value\"").ToListAsync();
                Console.WriteLine($"{"",-24}sync_item_links with {items:N0} links: {size[0] / 1024.0 / 1024.0:N1} MB (table and indexes)");
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    private static void Report(string scenario, (SyncRun Run, TimeSpan Elapsed) result, StoreTimings timings, bool print)
    {
        if (!print)
        {
            return;
        }

        var (run, elapsed) = result;
        var commit = timings.Summary(TimedSyncStateStore.Commit);
        var links = timings.Summary(TimedSyncStateStore.GetLinks);
        var update = timings.Summary(TimedSyncRunStore.Update);
        var notSeen = timings.Summary(TimedSyncStateStore.ListNotSeen);
        var storeShare = (commit.Total + links.Total + update.Total + notSeen.Total) / elapsed.TotalMilliseconds;
        Console.WriteLine(
            $"{scenario,-24}{elapsed.TotalSeconds,7:F2}{run.Local.Processed / elapsed.TotalSeconds,10:N0}{run.Pages,6}"
            + $"{commit.Median,10:F2}{commit.P90,7:F2}{commit.P99,7:F2}{links.Median,10:F2}{links.P99,7:F2}{update.Median,8:F2}{notSeen.Median,8:F2}{storeShare,8:P0}");
    }

    private static (int Items, int Page, int Repeat) Parse(string[] args)
    {
        Explain = args.Contains("--explain");
        args = [.. args.Where(a => a != "--explain")];
        var (items, page, repeat) = (100_000, 500, 3);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--items":
                    items = value;
                    break;
                case "--page":
                    page = value;
                    break;
                case "--repeat":
                    repeat = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return (items, page, repeat);
    }
}
