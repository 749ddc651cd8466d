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
        Assert.Equal([InitialMigration], db.Database.GetMigrations());
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
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrate_applies_each_migration_once_and_records_it_in_the_history_table()
    {
        var database = await NewDatabaseAsync();
        await using var db = Context(database);

        await db.Database.MigrateAsync();
        await db.Database.MigrateAsync();

        Assert.Equal([InitialMigration], await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var historyTables = await db.Database
            .SqlQueryRaw<string>("SELECT table_schema || '.' || table_name AS \"Value\" FROM information_schema.tables WHERE table_name = '__EFMigrationsHistory'")
            .ToListAsync();
        Assert.Equal(["public.__EFMigrationsHistory"], historyTables);
    }

    [Fact]
    public async Task Down_migration_removes_the_tables_and_up_creates_them_again()
    {
        var database = await NewDatabaseAsync();
        await using var db = Context(database);
        await db.Database.MigrateAsync();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(Migration.InitialDatabase);
        Assert.Empty(await SchemaCatalog.DescribeAsync(database, "integrations"));

        await migrator.MigrateAsync();
        Assert.Contains("table integrations -- One user's connection to one provider account (Integrations SDK).", await SchemaCatalog.DescribeAsync(database, "integrations"));
    }

    private async Task<string> NewDatabaseAsync()
    {
        var database = await _server.CreateDatabaseAsync("mig");
        _databases.Add(database);
        return database;
    }

    private static IntegrationsDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(connectionString).Options);
}
