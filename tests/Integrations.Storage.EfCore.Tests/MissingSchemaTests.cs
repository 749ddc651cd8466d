using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// A database without our tables (migrations never applied, or a host context whose own migrations
/// do not create them) fails with an error that names the missing step, not a bare
/// "relation does not exist" from deep inside Npgsql.
/// </summary>
public sealed class MissingSchemaTests : IAsyncLifetime
{
    private const string InitialMigration = "20260101000000_IntegrationsInitial";
    private const string SyncMigration = "20260201000000_IntegrationsSync";
    private PostgresServer _server = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        _connectionString = await _server.CreateDatabaseAsync("nomig");
    }

    public Task DisposeAsync() => _server.DropDatabaseAsync(_connectionString);

    public static TheoryData<string> Operations =>
    [
        "get", "list", "add", "update", "delete", "acquire-lease", "release-lease", "add-pending", "consume-pending",
        "sync-state", "sync-commit", "sync-links", "sync-delete-all", "sync-add-run", "sync-update-run", "sync-history", "sync-running",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Store_on_a_database_without_the_migrations_names_the_pending_migration_and_how_to_apply_it(string operation)
    {
        await using var services = new ServiceCollection().AddIntegrations().AddEntityFrameworkCoreStores(_connectionString).Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(services, operation));

        Assert.Contains("The Integrations tables are missing from the database of IntegrationsDbContext", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Apply the pending migrations ({InitialMigration}, {SyncMigration})", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database.MigrateAsync()", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.UndefinedTable, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Theory]
    [InlineData("sync-state")]
    [InlineData("sync-commit")]
    [InlineData("sync-add-run")]
    [InlineData("sync-history")]
    public async Task Sync_store_on_a_database_at_the_initial_migration_names_the_sync_migration(string operation)
    {
        await using (var db = new IntegrationsDbContext(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(_connectionString).Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(InitialMigration);
        }

        await using var services = new ServiceCollection().AddIntegrations().AddEntityFrameworkCoreStores(_connectionString).Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(services, operation));

        Assert.Contains($"Apply the pending migrations ({SyncMigration})", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.UndefinedTable, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task Host_context_without_our_tables_is_told_to_add_a_migration_of_its_own()
    {
        var collection = new ServiceCollection();
        collection.AddDbContextFactory<HostDbContext>(o => o.UseNpgsql(_connectionString));
        await using var services = collection.AddIntegrations().AddEntityFrameworkCoreStores<HostDbContext>().Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(services, "add"));

        Assert.Contains("missing from the database of HostDbContext (relation \"host_schema.integrations\" does not exist)", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet ef migrations add AddIntegrations --context HostDbContext", error.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
    }

    [Fact]
    public async Task A_column_missing_from_a_migrated_database_is_reported_with_its_name()
    {
        await using (var db = new IntegrationsDbContext(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(_connectionString).Options))
        {
            await db.Database.MigrateAsync();
        }

        await Sql.ExecuteAsync(_connectionString, "ALTER TABLE integrations.integrations DROP COLUMN next_sync_at");
        await using var services = new ServiceCollection().AddIntegrations().AddEntityFrameworkCoreStores(_connectionString).Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(services, "get"));

        Assert.Contains("lack a column this version of Integrations.Storage.EfCore uses", error.Message, StringComparison.Ordinal);
        Assert.Contains("next_sync_at", error.Message, StringComparison.Ordinal);
        Assert.Contains("Every shipped migration is recorded as applied", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.UndefinedColumn, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    private static Task RunAsync(IServiceProvider services, string operation)
    {
        var owner = new IntegrationOwner("acme", "alice");
        var integrations = services.GetRequiredService<IIntegrationStore>();
        var leases = services.GetRequiredService<ILeaseStore>();
        var pending = services.GetRequiredService<IPendingAuthorizationStore>();
        var states = services.GetRequiredService<ISyncStateStore>();
        var runs = services.GetRequiredService<ISyncRunStore>();
        var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = Guid.NewGuid(), UserId = owner.UserId, Provider = "google", Resource = "calendar-events", StartedAt = DateTimeOffset.UtcNow };
        return operation switch
        {
            "get" => integrations.GetAsync(owner, Guid.NewGuid()),
            "list" => integrations.ListAsync(owner),
            "add" => integrations.AddAsync(StoreTestData.Minimal(owner)),
            "update" => integrations.UpdateAsync(StoreTestData.Minimal(owner) with { Version = 1 }),
            "delete" => integrations.DeleteAsync(owner, Guid.NewGuid()),
            "acquire-lease" => leases.TryAcquireAsync("refresh:1", TimeSpan.FromMinutes(1)),
            "release-lease" => leases.ReleaseAsync(new Lease("refresh:1", "holder", DateTimeOffset.UtcNow)),
            "add-pending" => pending.AddAsync(StoreTestData.Pending(owner)),
            "consume-pending" => pending.TryConsumeAsync("state-hash"),
            "sync-state" => states.GetAsync(run.IntegrationId, run.Resource),
            "sync-commit" => states.CommitAsync(new SyncCommit(SyncState.Empty(run.IntegrationId, run.Resource))),
            "sync-links" => states.GetLinksAsync(run.IntegrationId, run.Resource, ["a"]),
            "sync-delete-all" => states.DeleteAllAsync(run.IntegrationId),
            "sync-add-run" => runs.AddAsync(run),
            "sync-update-run" => runs.UpdateAsync(run),
            "sync-history" => runs.QueryAsync(new IntegrationKey(run.IntegrationId, owner), new SyncHistoryQuery()),
            "sync-running" => runs.ListRunningForBackgroundAsync(run.IntegrationId, run.Resource),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegrationsModel(schema: "host_schema");
    }
}
