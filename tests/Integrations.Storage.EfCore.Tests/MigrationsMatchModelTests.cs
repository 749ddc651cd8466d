using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The shipped migrations are written by hand, so these tests are what stops them drifting from the
/// model: the snapshot equals the model, and the schema the migrations create equals the schema the
/// model itself creates, line by line from PostgreSQL's catalog.
/// </summary>
public sealed class MigrationsMatchModelTests : IAsyncLifetime
{
    private const string InitialMigration = "20260101000000_IntegrationsInitial";
    private const string SyncMigration = "20260201000000_IntegrationsSync";
    private readonly List<string> _databases = [];
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.GetAsync();

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await _server.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Snapshot_of_the_shipped_migrations_has_no_pending_model_changes()
    {
        await using var db = Context("Host=127.0.0.1");

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: add one and update IntegrationsDbContextModelSnapshot.");
        Assert.Equal([InitialMigration, SyncMigration], db.Database.GetMigrations());
    }

    [Fact]
    public async Task Schema_created_by_the_migrations_equals_the_schema_of_the_model()
    {
        var migrated = await NewDatabaseAsync();
        var fromModel = await NewDatabaseAsync();
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = Context(fromModel))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaCatalog.DescribeAsync(fromModel, "integrations");
        var actual = await SchemaCatalog.DescribeAsync(migrated, "integrations");

        Assert.Contains(expected, l => l.StartsWith("index CREATE UNIQUE INDEX ux_integrations_owner_provider_account", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.Contains("WHERE ((status = 0) AND has_refresh_token)", StringComparison.Ordinal));
        Assert.Contains("column sync_item_links.external_id text COLLATE \"C\" NOT NULL", expected);
        Assert.Contains(expected, l => l.StartsWith("index CREATE INDEX ix_sync_runs_history", StringComparison.Ordinal) && l.EndsWith("(integration_id, started_at DESC, id DESC)", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.Contains("fk_sync_item_errors_sync_runs FOREIGN KEY (run_id) REFERENCES integrations.sync_runs(id) ON DELETE CASCADE", StringComparison.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_applies_each_migration_once_and_records_it_in_the_history_table()
    {
        var database = await NewDatabaseAsync();
        await using var db = Context(database);

        await db.Database.MigrateAsync();
        await db.Database.MigrateAsync();

        Assert.Equal([InitialMigration, SyncMigration], await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var historyTables = await db.Database
            .SqlQueryRaw<string>("SELECT table_schema || '.' || table_name AS \"Value\" FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory'")
            .ToListAsync();
        Assert.Equal(["public.__EFMigrationsHistory"], historyTables);
    }

    [Fact]
    public async Task Down_migrations_remove_their_tables_and_up_creates_them_again()
    {
        var database = await NewDatabaseAsync();
        await using var db = Context(database);
        await db.Database.MigrateAsync();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(InitialMigration);
        Assert.Equal(["integrations", "leases", "pending_authorizations"], Tables(await SchemaCatalog.DescribeAsync(database, "integrations")));

        await migrator.MigrateAsync(Migration.InitialDatabase);
        Assert.Empty(await SchemaCatalog.DescribeAsync(database, "integrations"));

        await migrator.MigrateAsync();
        Assert.Equal(
            ["integrations", "leases", "pending_authorizations", "sync_item_errors", "sync_item_links", "sync_runs", "sync_states"],
            Tables(await SchemaCatalog.DescribeAsync(database, "integrations")));
    }

    [Fact]
    public async Task A_database_at_the_initial_migration_is_upgraded_in_place_and_keeps_its_rows()
    {
        var database = await NewDatabaseAsync();
        await using (var db = Context(database))
        {
            await db.GetService<IMigrator>().MigrateAsync(InitialMigration);
        }

        await Sql.ExecuteAsync(database, "INSERT INTO integrations.leases (key, holder, expires_at) VALUES ('refresh:kept', 'h', now())");
        await using (var db = Context(database))
        {
            Assert.Equal([SyncMigration], await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }

        Assert.Equal(["refresh:kept"], await Sql.QueryTextAsync(database, "SELECT key FROM integrations.leases"));
        Assert.Equal(["0"], await Sql.QueryTextAsync(database, "SELECT count(*) FROM integrations.sync_runs"));
    }

    private static List<string> Tables(IEnumerable<string> schema) =>
        schema.Where(l => l.StartsWith("table ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();

    private async Task<string> NewDatabaseAsync()
    {
        var database = await _server.CreateDatabaseAsync("mig");
        _databases.Add(database);
        return database;
    }

    private static IntegrationsDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(connectionString).Options);
}
