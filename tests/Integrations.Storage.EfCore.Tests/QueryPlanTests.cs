using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Every query a store makes can be answered from an index: the plan PostgreSQL gives for the
/// store's real SQL (sequential scans disabled, since a small table would otherwise be scanned)
/// names the expected index. A query whose predicate stops matching a partial index fails here.
/// </summary>
public sealed class QueryPlanTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly IntegrationOwner Alice = new("acme", "alice");
    private readonly QueryPlanRecorder _recorder = new() { DisableSequentialScans = true };
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddPooledDbContextFactory<IntegrationsDbContext>(o => o.UseNpgsql(database.ConnectionString).AddInterceptors(_recorder));
        _services = collection.AddIntegrations().AddEntityFrameworkCoreStores<IntegrationsDbContext>().Services.BuildServiceProvider();

        // Seeded once for the class (the tests only read): a realistic spread, many owners with a
        // few integrations each, few providers.
        if (await Sql.QueryTextAsync(database.ConnectionString, "SELECT count(*) FROM integrations.integrations") is not ["0"])
        {
            return;
        }

        var store = _services.GetRequiredService<IIntegrationStore>();
        for (var i = 0; i < 600; i++)
        {
            var owner = i % 100 == 0 ? Alice : new IntegrationOwner(i % 2 == 0 ? "acme" : null, $"user-{i % 150}");
            await store.AddAsync(StoreTestData.Minimal(owner, (i % 3) switch { 0 => "strava", 1 => "google", _ => "microsoft" }) with
            {
                Status = i % 10 == 0 ? IntegrationStatus.Disabled : IntegrationStatus.Active,
                Tokens = new ProtectedTokenSet("c", StoreTestData.Start.AddMinutes(i), HasRefreshToken: i % 4 != 0),
                NextSyncAt = i % 6 == 0 ? null : StoreTestData.Start.AddMinutes(300 - i),
            });
        }

        await Sql.ExecuteAsync(database.ConnectionString, "ANALYZE");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    public static TheoryData<string, string> Queries => new()
    {
        { "get", "pk_integrations" },
        { "get-for-background", "pk_integrations" },
        { "list", "ux_integrations_owner_provider_account" },
        { "list-by-provider", "ux_integrations_owner_provider_account" },
        { "find-by-account", "ux_integrations_owner_provider_account" },
        { "find-by-account-for-background", "ix_integrations_provider_account" },
        { "expiring", "ix_integrations_refresh_due" },
        { "due-for-sync", "ix_integrations_sync_due" },
        { "pending-get", "pk_pending_authorizations" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Store_query_is_answered_from_its_index(string query, string index)
    {
        var integrations = _services.GetRequiredService<IIntegrationStore>();
        var pending = _services.GetRequiredService<IPendingAuthorizationStore>();
        _recorder.Enabled = true;

        await (query switch
        {
            "get" => integrations.GetAsync(Alice, Guid.NewGuid()),
            "get-for-background" => integrations.GetForBackgroundAsync(Guid.NewGuid()),
            "list" => integrations.ListAsync(Alice),
            "list-by-provider" => integrations.ListAsync(Alice, new IntegrationFilter { Provider = "strava", Status = IntegrationStatus.Active }),
            "find-by-account" => integrations.FindByExternalAccountAsync(Alice, "google", "acct-1"),
            "find-by-account-for-background" => integrations.FindByExternalAccountForBackgroundAsync("google", "acct-1"),
            "expiring" => integrations.ListExpiringForBackgroundAsync(StoreTestData.Start.AddMinutes(15), 100),
            "due-for-sync" => integrations.ListDueForSyncForBackgroundAsync(StoreTestData.Start, 100),
            "pending-get" => (Task)pending.GetAsync("state"),
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        });

        var plan = Assert.Single(_recorder.Plans).Plan;
        Assert.True(plan.Contains(index, StringComparison.Ordinal), plan);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }
}
