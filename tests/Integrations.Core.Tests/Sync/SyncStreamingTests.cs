using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 2: pages stream through the engine; it never holds more than the page in hand.</summary>
public sealed class SyncStreamingTests
{
    [Fact]
    public async Task Each_page_is_applied_before_the_next_is_read_and_no_page_is_kept_afterwards()
    {
        const int pages = 40;
        const int pageSize = 25;
        var source = new GeneratingSource(pages, pageSize);
        var handler = new CountingHandler(source);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(handler);
        services.AddIntegrations()
            .AddSync(o => o.PageSize = pageSize)
            .AddSyncSource<SandboxItemData>("generated", "items", _ => source)
            .AddSyncResource<SandboxItemData, CountingHandler>("items");
        await using var provider = services.BuildServiceProvider();
        var now = DateTimeOffset.UtcNow;
        var integration = await provider.GetRequiredService<IIntegrationStore>().AddAsync(new Integration
        {
            Id = Guid.NewGuid(),
            UserId = "user-1",
            Provider = "generated",
            DisplayName = "Generated",
            Account = new ExternalAccount("a"),
            CreatedAt = now,
            UpdatedAt = now,
        });

        var run = Assert.Single(await provider.GetRequiredService<ISyncEngine>().RunAsync(integration.Key, new SyncRequest()));

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(pages * pageSize, handler.Applied);
        Assert.Equal(pageSize, source.MaxUnappliedItems);
        Assert.True(source.CollectedPagesAtLastFetch >= pages - 3, $"only {source.CollectedPagesAtLastFetch} of {pages} earlier pages were collectable");
    }

    /// <summary>Generates pages on demand and watches how many fetched items the engine has not applied yet, and whether old pages are still referenced.</summary>
    private sealed class GeneratingSource(int pages, int pageSize) : ISyncSource<SandboxItemData>
    {
        private readonly List<WeakReference> _pages = [];
        private int _fetched;

        public int Applied { get; set; }

        public int MaxUnappliedItems { get; private set; }

        public int CollectedPagesAtLastFetch { get; private set; }

        public Task<SyncPage<SandboxItemData>> FetchPageAsync(SyncContext context, SyncPageRequest request, CancellationToken cancellationToken)
        {
            var index = request.PageToken is null ? 0 : int.Parse(request.PageToken, System.Globalization.CultureInfo.InvariantCulture);
            if (index == pages - 1)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                CollectedPagesAtLastFetch = _pages.Count(p => !p.IsAlive);
            }

            var items = Enumerable.Range(0, pageSize)
                .Select(i => SyncItem<SandboxItemData>.Upserted($"g{index:D4}-{i:D4}", "1", new SandboxItemData(new string('x', 200))))
                .ToArray();
            _fetched += items.Length;
            MaxUnappliedItems = Math.Max(MaxUnappliedItems, _fetched - Applied);
            _pages.Add(new WeakReference(items));
            var page = index == pages - 1
                ? SyncPage<SandboxItemData>.Last(items, "cursor")
                : SyncPage<SandboxItemData>.More(items, (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult(page);
        }
    }

    private sealed class CountingHandler(GeneratingSource source) : ISyncHandler<SandboxItemData>
    {
        public int Applied => source.Applied;

        public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
        {
            source.Applied++;
            return ValueTask.FromResult(new SyncLocalResult(change.ExternalId, null));
        }

        public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
