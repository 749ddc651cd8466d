using System.Diagnostics;
using Integrations.Benchmarks.Sync;
using Integrations.Storage.EfCore;
using Integrations.Storage.EfCore.Internal;
using Integrations.Testing;
using Integrations.TestSupport.Conformance;
using Integrations.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks.Storage;

/// <summary>
/// A host that pulls the generated sandbox resource into a handler that keeps nothing, with the sync
/// stores on PostgreSQL (EF Core) or in memory, and times the store calls the engine makes per page.
/// </summary>
internal sealed class SyncBenchmarkHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IntegrationKey _integration;

    private readonly QueryPlanRecorder _plans;

    private SyncBenchmarkHost(ServiceProvider services, IntegrationKey integration, StoreTimings timings, QueryPlanRecorder plans)
    {
        _services = services;
        _integration = integration;
        Timings = timings;
        _plans = plans;
    }

    /// <summary>The store calls of the last <see cref="SyncAsync"/>.</summary>
    public StoreTimings Timings { get; }

    /// <summary>Creates a host with one sandbox integration.</summary>
    /// <param name="connectionString">A migrated database for the EF Core stores, or <see langword="null"/> for the in-memory ones.</param>
    /// <param name="source">The provider.</param>
    /// <param name="pageSize">The engine's page size.</param>
    public static async Task<SyncBenchmarkHost> CreateAsync(string? connectionString, SandboxSyncServer source, int pageSize)
    {
        var timings = new StoreTimings();
        var plans = new QueryPlanRecorder { Analyze = true };
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddIntegrations();
        if (connectionString is not null)
        {
            // Registered before the EF stores, so AddEntityFrameworkCoreStores keeps these (TryAdd).
            services.AddSingleton<ISyncStateStore>(sp => new TimedSyncStateStore(ActivatorUtilities.CreateInstance<EfCoreSyncStateStore<IntegrationsDbContext>>(sp), timings));
            services.AddSingleton<ISyncRunStore>(sp => new TimedSyncRunStore(ActivatorUtilities.CreateInstance<EfCoreSyncRunStore<IntegrationsDbContext>>(sp), timings));
            BenchmarkDatabase.AddStores(builder, connectionString, plans);
        }
        else
        {
            services.AddSingleton<ISyncStateStore>(new TimedSyncStateStore(new InMemorySyncStateStore(), timings));
            services.AddSingleton<ISyncRunStore>(new TimedSyncRunStore(new InMemorySyncRunStore(), timings));
        }

        builder.AddSync(o => o.PageSize = pageSize)
            .AddSandboxSync(source)
            .AddSyncResource<SandboxItemData, ChecksumHandler>("items");
        var provider = services.BuildServiceProvider();
        var integration = await provider.GetRequiredService<IIntegrationStore>().AddAsync(StoreTestData.Minimal(IntegrationOwner.ForUser("benchmark"), "sandbox"));
        return new SyncBenchmarkHost(provider, integration.Key, timings, plans);
    }

    /// <summary>Runs one sync and returns the run with its wall-clock time.</summary>
    public async Task<(SyncRun Run, TimeSpan Elapsed)> SyncAsync(SyncRequest request)
    {
        Timings.Clear();
        var started = Stopwatch.GetTimestamp();
        var run = (await _services.GetRequiredService<ISyncEngine>().RunAsync(_integration, request)).Single();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return run.Status == SyncRunStatus.Succeeded ? (run, elapsed) : throw new InvalidOperationException($"The benchmark run ended {run.Status}: {run.ErrorMessage}");
    }

    /// <summary>PostgreSQL's executed plan (<c>EXPLAIN ANALYZE</c>) of the link look-up of one page of linked items.</summary>
    public async Task<string> ExplainLinkLookupAsync(IReadOnlyCollection<string> externalIds)
    {
        _plans.Clear();
        _plans.Enabled = true;
        await _services.GetRequiredService<ISyncStateStore>().GetLinksAsync(_integration.Id, "items", externalIds);
        _plans.Enabled = false;
        return string.Join("\n", _plans.Plans.Select(p => p.Plan));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
