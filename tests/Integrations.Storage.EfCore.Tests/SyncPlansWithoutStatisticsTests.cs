using Integrations.Storage.EfCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// A new install's first large sync writes tens of thousands of links before autovacuum analyzes the
/// table, and the planner then guesses with default selectivities. The per-page statements must
/// still touch only the rows of the page: one index probe per id, never a scan of the resource's
/// links (which once made a 100,000-item pull 30 times slower). Autovacuum is off for the test's
/// tables, so no statistics appear while it runs.
/// </summary>
public sealed class SyncPlansWithoutStatisticsTests(MigratedDatabase database, ITestOutputHelper output) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Resource = "items";
    private const int Links = 30_000;
    private readonly CommandRecorder _commands = new();
    private readonly Guid _integration = Guid.NewGuid();
    private ServiceProvider _services = null!;
    private SyncState _state = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        await Sql.ExecuteAsync(database.ConnectionString, """
            ALTER TABLE integrations.sync_item_links SET (autovacuum_enabled = false);
            ALTER TABLE integrations.sync_states SET (autovacuum_enabled = false)
            """);
        var collection = new ServiceCollection();
        collection.AddPooledDbContextFactory<IntegrationsDbContext>(o => o.UseNpgsql(database.ConnectionString).AddInterceptors(_commands));
        _services = collection.AddIntegrations().AddEntityFrameworkCoreStores<IntegrationsDbContext>().Services.BuildServiceProvider();
        var states = _services.GetRequiredService<ISyncStateStore>();
        _state = SyncState.Empty(_integration, Resource);
        for (var page = 0; page < Links / 500; page++)
        {
            _state = await states.CommitAsync(new SyncCommit(_state) { UpsertLinks = Enumerable.Range(page * 500, 500).Select(Link).ToList() });
        }

        Assert.Equal(["0"], await Sql.QueryTextAsync(database.ConnectionString, "SELECT count(*) FROM pg_stats WHERE tablename = 'sync_item_links'"));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sql.ExecuteAsync(database.ConnectionString, "ALTER TABLE integrations.sync_item_links RESET (autovacuum_enabled); ALTER TABLE integrations.sync_states RESET (autovacuum_enabled)");
    }

    [Theory]
    [InlineData(false, "pk_sync_item_links")]
    [InlineData(true, "ix_sync_item_links_local_id")]
    public async Task The_links_of_a_page_are_found_with_one_index_probe_per_id(bool byLocalId, string index)
    {
        var states = _services.GetRequiredService<ISyncStateStore>();
        var page = Enumerable.Range(Links / 2, 500).Select(Link).ToList();
        _commands.Clear();

        var found = byLocalId
            ? await states.GetLinksByLocalIdAsync(_integration, Resource, page.ConvertAll(l => l.LocalId))
            : await states.GetLinksAsync(_integration, Resource, page.ConvertAll(l => l.ExternalId));

        Assert.Equal(500, found.Count);
        var plan = await Assert.Single(_commands.Commands).ExplainAsync(database.ConnectionString, analyze: true, plannersChoice: true);
        output.WriteLine(plan);
        Assert.Contains($"Index Scan using {index} on sync_item_links", plan, StringComparison.Ordinal);
        Assert.Contains("rows=1 loops=500", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows Removed by Filter", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deletes_of_a_commit_find_their_rows_with_one_index_probe_per_id()
    {
        var states = _services.GetRequiredService<ISyncStateStore>();
        _commands.Clear();

        await states.CommitAsync(new SyncCommit(_state) { DeleteLinks = Enumerable.Range(Links / 2, 500).Select(i => Link(i).ExternalId).ToList() });

        var commit = Assert.Single(_commands.Commands);
        Assert.Equal(Links - 500, await states.CountLinksAsync(_integration, Resource));
        var plan = await commit.ExplainAsync(database.ConnectionString, plannersChoice: true);
        output.WriteLine(plan);
        Assert.Contains("Tid Scan on sync_item_links", plan, StringComparison.Ordinal);
        Assert.Contains("Index Scan using pk_sync_item_links on sync_item_links", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Bitmap", plan, StringComparison.Ordinal);
    }

    private static SyncItemLink Link(int i) => new($"g{i:D9}", $"local-{i}", "e1", "1", 1);
}
