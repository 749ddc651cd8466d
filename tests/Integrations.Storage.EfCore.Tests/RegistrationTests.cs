using Integrations.Storage.EfCore.Internal;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Testing;
using Integrations.TestSupport.Conformance;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddEntityFrameworkCoreStores_replaces_the_in_memory_stores()
    {
        await using var services = new ServiceCollection().AddIntegrations().AddEntityFrameworkCoreStores("Host=127.0.0.1").Services.BuildServiceProvider();

        Assert.IsType<EfCoreIntegrationStore<IntegrationsDbContext>>(services.GetRequiredService<IIntegrationStore>());
        Assert.IsType<EfCorePendingAuthorizationStore<IntegrationsDbContext>>(services.GetRequiredService<IPendingAuthorizationStore>());
        Assert.IsType<EfCoreLeaseStore<IntegrationsDbContext>>(services.GetRequiredService<ILeaseStore>());
        Assert.Single(services.GetServices<IIntegrationStore>());
    }

    [Fact]
    public async Task Sync_stores_are_the_EF_ones_when_AddSync_comes_first()
    {
        await using var services = new ServiceCollection().AddIntegrations()
            .AddSync()
            .AddEntityFrameworkCoreStores("Host=127.0.0.1")
            .Services.BuildServiceProvider();

        AssertEfSyncStores(services);
    }

    [Fact]
    public async Task Sync_stores_are_the_EF_ones_when_AddSync_comes_after()
    {
        await using var services = new ServiceCollection().AddIntegrations()
            .AddEntityFrameworkCoreStores("Host=127.0.0.1")
            .AddSync()
            .AddSyncResource<SandboxItemData, NoHandler>("items")
            .Services.BuildServiceProvider();

        AssertEfSyncStores(services);
    }

    [Fact]
    public async Task A_sync_store_the_host_registered_itself_is_kept_in_either_order()
    {
        var own = new InMemorySyncRunStore();
        var before = new ServiceCollection().AddSingleton<ISyncRunStore>(own);
        before.AddIntegrations().AddSync().AddEntityFrameworkCoreStores("Host=127.0.0.1");
        var after = new ServiceCollection().AddSingleton<ISyncRunStore>(own);
        after.AddIntegrations().AddEntityFrameworkCoreStores("Host=127.0.0.1").AddSync();

        foreach (var collection in new[] { before, after })
        {
            await using var services = collection.BuildServiceProvider();
            Assert.Same(own, services.GetRequiredService<ISyncRunStore>());
            Assert.IsType<EfCoreSyncStateStore<IntegrationsDbContext>>(services.GetRequiredService<ISyncStateStore>());
        }
    }

    [Fact]
    public async Task A_store_the_host_registered_itself_is_kept()
    {
        var own = new InMemoryLeaseStore(TimeProvider.System);
        var collection = new ServiceCollection().AddSingleton<ILeaseStore>(own);

        await using var services = collection.AddIntegrations().AddEntityFrameworkCoreStores("Host=127.0.0.1").Services.BuildServiceProvider();

        Assert.Same(own, services.GetRequiredService<ILeaseStore>());
        Assert.IsType<EfCoreIntegrationStore<IntegrationsDbContext>>(services.GetRequiredService<IIntegrationStore>());
    }

    [Fact]
    public async Task A_context_that_does_not_map_the_model_fails_with_a_clear_message()
    {
        var collection = new ServiceCollection();
        collection.AddDbContext<UnrelatedDbContext>(o => o.UseNpgsql("Host=127.0.0.1"));
        await using var services = collection.AddIntegrations().AddEntityFrameworkCoreStores<UnrelatedDbContext>().Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<IIntegrationStore>().GetForBackgroundAsync(Guid.NewGuid()));

        Assert.Contains("ApplyIntegrationsModel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_context_registration_fails_with_a_clear_message()
    {
        await using var services = new ServiceCollection().AddIntegrations().AddEntityFrameworkCoreStores<UnrelatedDbContext>().Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<ILeaseStore>().TryAcquireAsync("k", TimeSpan.FromSeconds(1)));

        Assert.Contains("AddDbContextFactory<UnrelatedDbContext>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_work_on_a_host_context_that_maps_the_model_into_its_own_schema_without_a_context_factory()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("host");
        try
        {
            var collection = new ServiceCollection();
            collection.AddDbContext<HostDbContext>(o => o.UseNpgsql(connectionString)); // scoped only, no factory
            await using var services = collection.AddIntegrations().AddEntityFrameworkCoreStores<HostDbContext>().Services.BuildServiceProvider();
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.EnsureCreatedAsync();
            }

            var owner = new IntegrationOwner("acme", "alice");
            var integration = StoreTestData.FullyPopulated(owner);
            var pending = StoreTestData.Pending(owner);
            var integrations = services.GetRequiredService<IIntegrationStore>();
            var leases = services.GetRequiredService<ILeaseStore>();
            var authorizations = services.GetRequiredService<IPendingAuthorizationStore>();

            await integrations.AddAsync(integration);
            await authorizations.AddAsync(pending);
            var lease = await leases.TryAcquireAsync("refresh:" + integration.Id, TimeSpan.FromMinutes(1));

            StoreTestData.AssertEquivalent(integration with { Version = 1 }, await integrations.GetAsync(owner, integration.Id));
            Assert.NotNull(lease);
            Assert.Null(await leases.TryAcquireAsync("refresh:" + integration.Id, TimeSpan.FromMinutes(1)));
            Assert.True(await authorizations.TryConsumeAsync(pending.StateHash));

            Assert.Equal(["1"], await Sql.QueryTextAsync(connectionString, "SELECT count(*) FROM host_integrations.integrations"));
            Assert.Equal(["1"], await Sql.QueryTextAsync(connectionString, "SELECT count(*) FROM host_integrations.leases"));

            // The sync stores' hand-written statements follow the host's schema too.
            var states = services.GetRequiredService<ISyncStateStore>();
            var runs = services.GetRequiredService<ISyncRunStore>();
            var state = await states.CommitAsync(new SyncCommit(SyncState.Empty(integration.Id, "items") with { Cursor = "c1" }) { UpsertLinks = [new SyncItemLink("e1", "l1", "v1", null, 1)] });
            await states.CommitAsync(new SyncCommit(state with { Cursor = "c2" }) { DeleteLinks = ["e1"], UpsertLinks = [new SyncItemLink("e2", "l2", "v1", null, 1)] });
            var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = integration.Id, TenantId = owner.TenantId, UserId = owner.UserId, Provider = "google", Resource = "items", StartedAt = StoreTestData.Start };
            await runs.AddAsync(run);
            await runs.UpdateAsync(run with { Status = SyncRunStatus.PartiallySucceeded, Errors = [new SyncItemError(SyncSide.Local, "e3", IntegrationErrorCode.InvalidRequest, "bad")] });

            Assert.Equal("c2", (await states.GetAsync(integration.Id, "items"))!.Cursor);
            Assert.Equal(["e2"], await Sql.QueryTextAsync(connectionString, "SELECT external_id FROM host_integrations.sync_item_links"));
            Assert.Equal(SyncRunStatus.PartiallySucceeded, Assert.Single((await runs.QueryAsync(integration.Key, new SyncHistoryQuery())).Runs).Status);
            Assert.Equal(["e3"], await Sql.QueryTextAsync(connectionString, "SELECT item_id FROM host_integrations.sync_item_errors"));
            Assert.Equal(["0"], await Sql.QueryTextAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'integrations'"));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static void AssertEfSyncStores(IServiceProvider services)
    {
        Assert.IsType<EfCoreSyncStateStore<IntegrationsDbContext>>(Assert.Single(services.GetServices<ISyncStateStore>()));
        Assert.IsType<EfCoreSyncRunStore<IntegrationsDbContext>>(Assert.Single(services.GetServices<ISyncRunStore>()));
        Assert.NotNull(services.GetRequiredService<ISyncEngine>());
    }

    private sealed class NoHandler : ISyncHandler<SandboxItemData>
    {
        public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    private sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsModel(schema: "host_integrations");
    }

    private sealed class UnrelatedDbContext(DbContextOptions<UnrelatedDbContext> options) : DbContext(options);
}
