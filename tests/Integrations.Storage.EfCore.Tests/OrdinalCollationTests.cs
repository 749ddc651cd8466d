using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Reconciliation pages through links in ordinal order of external id (the contract of
/// <see cref="ISyncStateStore.ListLinksNotSeenAsync"/>, which the engine's keyset paging relies on).
/// On a database whose default collation is linguistic (ICU en-US: case and punctuation weigh less
/// than letters) the store must still order byte-wise: its columns carry <c>COLLATE "C"</c>.
/// </summary>
public sealed class OrdinalCollationTests : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        var name = $"icu_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(_server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'", admin);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(_server.AdminConnectionString) { Database = name }.ConnectionString;
        await using var db = new IntegrationsDbContext(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(_connectionString).Options);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => _server.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task Links_not_seen_are_listed_in_ordinal_order_on_a_database_with_a_linguistic_collation()
    {
        string[] ids = ["item-10", "Item-2", "item_3", "item-1", "ITEM-9", "a", "B", "é-accent", "e-plain", "item 4", "~tilde", "0-digit"];
        var linguistic = await Sql.QueryTextAsync(_connectionString, $"SELECT v FROM unnest(ARRAY['{string.Join("','", ids)}']) AS v ORDER BY v");
        var ordinal = ids.Order(StringComparer.Ordinal).ToList();
        Assert.NotEqual(ordinal, linguistic); // the database's own order is not ordinal, so the test can fail

        await using var services = new ServiceCollection().AddIntegrations().AddEntityFrameworkCoreStores(_connectionString).Services.BuildServiceProvider();
        var store = services.GetRequiredService<ISyncStateStore>();
        var integration = Guid.NewGuid();
        await store.CommitAsync(new SyncCommit(SyncState.Empty(integration, "items"))
        {
            UpsertLinks = ids.Select(id => new SyncItemLink(id, "local-" + id, "v1", null, LastSeenPass: 1)).ToList(),
        });

        List<string> listed = [];
        string? after = null;
        while (await store.ListLinksNotSeenAsync(integration, "items", pass: 2, after, limit: 5) is { Count: > 0 } batch)
        {
            listed.AddRange(batch.Select(l => l.ExternalId));
            after = batch[^1].ExternalId;
        }

        Assert.Equal(ordinal, listed);
    }
}
