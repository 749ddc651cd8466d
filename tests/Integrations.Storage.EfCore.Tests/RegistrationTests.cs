using Integrations.Storage.EfCore.Internal;
using Integrations.Storage.EfCore.Tests.Infrastructure;
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
            Assert.Equal(["0"], await Sql.QueryTextAsync(connectionString, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'integrations'"));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsModel(schema: "host_integrations");
    }

    private sealed class UnrelatedDbContext(DbContextOptions<UnrelatedDbContext> options) : DbContext(options);
}
