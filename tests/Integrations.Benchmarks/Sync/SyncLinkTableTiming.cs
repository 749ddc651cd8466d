using System.Diagnostics;
using System.Globalization;

namespace Integrations.Benchmarks.Sync;

/// <summary>
/// <c>sync-link-table [items] [rounds]</c>: the in-memory store's share of a pull, alone: per page of
/// 500 generated links one <see cref="ISyncStateStore.GetLinksAsync"/> and one commit, into a fresh
/// store per round (an initial sync). Prints the median CPU nanoseconds per link and the page faults
/// (run it with <c>DOTNET_TieredCompilation=0</c>, as the throughput children do).
/// </summary>
internal static class SyncLinkTableTiming
{
    public const string Name = "sync-link-table";

    public static async Task<int> RunAsync(string[] args)
    {
        var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
        const int PageSize = 500;
        var links = new SyncItemLink[items];
        for (var i = 0; i < items; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"g{i:D9}");
            links[i] = new SyncItemLink(id, id, "e1", "e1", 1);
        }

        List<double> nanos = [];
        List<double> faulted = [];
        for (var round = 0; round < rounds + 2; round++)
        {
            var store = new InMemorySyncStateStore();
            var state = SyncState.Empty(Guid.NewGuid(), "items");
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var faults = MinorFaults();
            for (var start = 0; start < items; start += PageSize)
            {
                var page = new ArraySegment<SyncItemLink>(links, start, Math.Min(PageSize, items - start));
                var ids = new string[page.Count];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = page[i].ExternalId;
                }

                await store.GetLinksAsync(state.IntegrationId, state.Resource, ids);
                state = await store.CommitAsync(new SyncCommit(state) { UpsertLinks = page.ToList() });
            }

            self.Refresh();
            if (round >= 2)
            {
                nanos.Add((self.TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / items);
                faulted.Add(MinorFaults() - faults);
            }
        }

        Console.WriteLine($"link table: {items:N0} links, median {BenchmarkStatistics.Percentile(nanos, 0.5):F1} CPU ns/link (min {nanos.Min():F1}, max {nanos.Max():F1}), "
            + $"median {BenchmarkStatistics.Percentile(faulted, 0.5):N0} minor page faults per round");
        return 0;
    }

    /// <summary>The process's minor page faults so far (fresh memory the system maps on first touch), or 0 off Linux.</summary>
    private static long MinorFaults() => File.Exists("/proc/self/stat")
        ? long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], CultureInfo.InvariantCulture)
        : 0;
}
