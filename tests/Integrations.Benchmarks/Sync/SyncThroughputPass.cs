using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Testing;
using Integrations.TestSupport.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks.Sync;

/// <summary>
/// One mode set up once in this process (as a host is: the container, the HttpClient factory and the
/// stores live across syncs), ready to pull all the items again and again. Engine modes run every
/// pass for a new integration and delete its sync state afterwards (untimed), so passes do not add up.
/// </summary>
internal sealed class SyncThroughputPass : IAsyncDisposable
{
    private const string Resource = "items";
    private const string WarmUpResource = "warm-up";
    private readonly SyncThroughputMode _mode;
    private readonly SandboxSyncServer _server;
    private readonly int _pageSize;
    private readonly ServiceProvider? _services;
    private Guid? _lastIntegration;

    private SyncThroughputPass(SyncThroughputMode mode, SandboxSyncServer server, int pageSize, ServiceProvider? services)
    {
        _mode = mode;
        _server = server;
        _pageSize = pageSize;
        _services = services;
    }

    public SyncThroughputMode Mode => _mode;

    public static SyncThroughputPass Create(SyncThroughputMode mode, int items, int pageSize, int warmUpItems)
    {
        var server = SandboxSyncServer.CreateGenerated(items);
        if (mode == SyncThroughputMode.Plain)
        {
            return new SyncThroughputPass(mode, server, pageSize, null);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        if (mode == SyncThroughputMode.EngineExternalLinks)
        {
            services.AddSingleton<ISyncStateStore, ExternalLinksStateStore>();
        }

        services.AddIntegrations()
            .AddSync(o => o.PageSize = pageSize)
            .AddSandboxSync(server)
            .AddSandboxSync(SandboxSyncServer.CreateGenerated(warmUpItems), o => o.Resource = WarmUpResource)
            .AddSyncResource<SandboxItemData, ChecksumHandler>(Resource)
            .AddSyncResource<SandboxItemData, ChecksumHandler>(WarmUpResource);
        return new SyncThroughputPass(mode, server, pageSize, services.BuildServiceProvider());
    }

    /// <summary>Runs a short pass (the engine on its warm-up resource), so the code the passes run is compiled.</summary>
    public Task WarmUpAsync() => _services is null ? PlainLoopAsync(_server, _pageSize) : EngineAsync(WarmUpResource);

    /// <summary>Pulls every item once and returns how many arrived.</summary>
    public Task<int> RunAsync() => _services is null ? PlainLoopAsync(_server, _pageSize) : EngineAsync(Resource);

    /// <summary>Deletes the sync state of the last pass (not timed: a host keeps its links).</summary>
    public async Task CleanUpAsync()
    {
        if (_lastIntegration is { } id)
        {
            await _services!.GetRequiredService<ISyncStateStore>().DeleteAllAsync(id);
            _lastIntegration = null;
        }
    }

    public ValueTask DisposeAsync() => _services?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The limit: read every page with HttpClient and System.Text.Json, do nothing with the items.</summary>
    private static async Task<int> PlainLoopAsync(SandboxSyncServer server, int pageSize)
    {
        using var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "benchmark");
        var count = 0;
        string? pageToken = null;
        do
        {
            var uri = pageToken is null ? $"items?maxResults={pageSize}" : $"items?maxResults={pageSize}&pageToken={Uri.EscapeDataString(pageToken)}";
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync();
            await using (stream)
            {
                var page = (await JsonSerializer.DeserializeAsync(stream, PlainJson.Default.PlainPage))!;
                count += page.Items.Count;
                pageToken = page.NextPageToken;
            }
        }
        while (pageToken is not null);

        return count;
    }

    /// <summary>The engine: sandbox source, in-memory handler, in-memory run store; links in memory or outside.</summary>
    private async Task<int> EngineAsync(string resource)
    {
        var services = _services!;
        var integration = await services.GetRequiredService<IIntegrationStore>().AddAsync(
            StoreTestData.Minimal(IntegrationOwner.ForUser("benchmark"), "sandbox", createdAt: DateTimeOffset.UtcNow));
        _lastIntegration = integration.Id;
        var run = (await services.GetRequiredService<ISyncEngine>().RunAsync(integration.Key, new SyncRequest { Resources = [resource] })).Single();
        if (run.Status != SyncRunStatus.Succeeded)
        {
            throw new InvalidOperationException($"The benchmark run ended {run.Status}: {run.ErrorMessage}");
        }

        return run.Local.Created;
    }
}
