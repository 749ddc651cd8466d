using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Integrations.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks.Storage;

/// <summary>
/// The store queries on the hot and background paths, through the real EF Core stores (context from
/// the pool, compiled query, materialization, mapping to the public records) against PostgreSQL
/// holding <see cref="Rows"/> integrations. Issue 3's target: each under 2 ms median at 100,000 rows,
/// and within 20 % of the 10,000-row time. Runs in-process so the seeded database is shared by all
/// cases; the plans of the measured queries are written to <c>BenchmarkDotNet.Artifacts/storage-plans-{rows}.txt</c>.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/Integrations.Benchmarks -- --filter '*StorageQueryBenchmarks*'</c>
/// </remarks>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class StorageQueryBenchmarks
{
    private const int ExpiringLimit = 100;
    private SeededIntegrations _data = null!;
    private ServiceProvider _services = null!;
    private IIntegrationStore _store = null!;
    private int _next;

    /// <summary>How many integrations the table holds.</summary>
    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = SeededIntegrations.GetAsync(Rows).GetAwaiter().GetResult();
        var recorder = new QueryPlanRecorder { Analyze = true };
        _services = _data.CreateStores(recorder);
        _store = _services.GetRequiredService<IIntegrationStore>();

        // Warm the pool and EF Core's caches, then keep the plans of the three measured queries.
        GetById().GetAwaiter().GetResult();
        recorder.Enabled = true;
        GetById().GetAwaiter().GetResult();
        ListByUser().GetAwaiter().GetResult();
        TokensExpiringInNext15Minutes().GetAwaiter().GetResult();
        recorder.Enabled = false;
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        File.WriteAllText(
            Path.Combine("BenchmarkDotNet.Artifacts", $"storage-plans-{Rows}.txt"),
            string.Join("\n\n", recorder.Plans.Select(p => $"{p.Sql}\n--\n{p.Plan}")));
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public Task<Integration?> GetById()
    {
        var i = Next();
        return _store.GetAsync(_data.Owners[i], _data.Ids[i]);
    }

    [Benchmark]
    public Task<IReadOnlyList<Integration>> ListByUser() => _store.ListAsync(_data.Owners[Next()]);

    [Benchmark]
    public Task<IReadOnlyList<Integration>> TokensExpiringInNext15Minutes() =>
        _store.ListExpiringForBackgroundAsync(_data.Now.AddMinutes(15), ExpiringLimit);

    // A different integration every call, in a scattered order, so no single row stays hot.
    private int Next() => (int)((uint)(_next++ * 7919) % (uint)_data.Ids.Length);

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(20));
    }
}
