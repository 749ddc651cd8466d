using System.Diagnostics;
using Integrations.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks.Storage;

/// <summary>
/// Measures the three store queries at 10,000 and 100,000 rows call by call, alternating the two
/// databases, so that the load of a shared machine falls on both sizes alike (BenchmarkDotNet runs
/// the sizes minutes apart, and a busy machine drifts more than 20 % in minutes). Prints the median
/// and 90th percentile of each, the ratio of the medians, and PostgreSQL's plan of each query.
/// </summary>
/// <remarks><c>dotnet run -c Release --project tests/Integrations.Benchmarks -- storage-scale [rounds]</c></remarks>
internal static class StorageScaleComparison
{
    private static readonly int[] Sizes = [10_000, 100_000];

    public static async Task RunAsync(int rounds)
    {
        var queries = new (string Name, Func<IIntegrationStore, SeededIntegrations, int, Task> Run)[]
        {
            ("GetById", (s, d, i) => s.GetAsync(d.Owners[i], d.Ids[i])),
            ("ListByUser", (s, d, i) => s.ListAsync(d.Owners[i])),
            ("TokensExpiringInNext15Minutes", (s, d, _) => s.ListExpiringForBackgroundAsync(d.Now.AddMinutes(15), 100)),
        };

        var setups = new List<(SeededIntegrations Data, IIntegrationStore Store, QueryPlanRecorder Plans, ServiceProvider Services)>();
        foreach (var size in Sizes)
        {
            var data = await SeededIntegrations.GetAsync(size);
            var plans = new QueryPlanRecorder { Analyze = true };
            var services = data.CreateStores(plans);
            setups.Add((data, services.GetRequiredService<IIntegrationStore>(), plans, services));
        }

        var samples = new List<double>[queries.Length, Sizes.Length];
        for (var q = 0; q < queries.Length; q++)
        {
            for (var s = 0; s < Sizes.Length; s++)
            {
                samples[q, s] = new List<double>(rounds);
            }
        }

        const int warmup = 200;
        for (var round = 0; round < warmup + rounds; round++)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                for (var k = 0; k < Sizes.Length; k++)
                {
                    var s = (round + k) % Sizes.Length; // alternate which size goes first
                    var (data, store, _, _) = setups[s];
                    var index = (int)((uint)(round * 7919) % (uint)data.Ids.Length);
                    var started = Stopwatch.GetTimestamp();
                    await queries[q].Run(store, data, index);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                    if (round >= warmup)
                    {
                        samples[q, s].Add(elapsed);
                    }
                }
            }
        }

        Console.WriteLine($"Store calls on PostgreSQL, {rounds} interleaved rounds (end to end: pooled context, query, materialization, mapping)");
        Console.WriteLine($"{"query",-32}{"rows",9}{"median µs",12}{"p90 µs",10}{"100k/10k",10}");
        for (var q = 0; q < queries.Length; q++)
        {
            var small = BenchmarkStatistics.Percentile(samples[q, 0], 0.5);
            for (var s = 0; s < Sizes.Length; s++)
            {
                var median = BenchmarkStatistics.Percentile(samples[q, s], 0.5);
                var ratio = s == 0 ? "" : $"{median / small:0.00}";
                Console.WriteLine($"{queries[q].Name,-32}{Sizes[s],9}{median,12:0}{BenchmarkStatistics.Percentile(samples[q, s], 0.9),10:0}{ratio,10}");
            }
        }

        foreach (var (data, store, plans, services) in setups)
        {
            plans.Enabled = true;
            foreach (var query in queries)
            {
                await query.Run(store, data, 1);
            }

            Console.WriteLine($"\nPlans at {data.Ids.Length:N0} rows (EXPLAIN ANALYZE of the SQL the store sent):");
            foreach (var plan in plans.Plans)
            {
                Console.WriteLine(plan.Plan);
                Console.WriteLine();
            }

            await services.DisposeAsync();
        }
    }
}
