using Integrations.TestSupport.Postgres;
using Npgsql;

namespace Integrations.Sample.Tests;

/// <summary><c>--store postgres</c>: the same tour on the EF Core stores, migrating a fresh database first.</summary>
public sealed class PostgresRunTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Postgres_run_applies_the_shipped_migrations_then_runs_the_tour_durably()
    {
        var first = await SampleRun.StartAsync(browser: null, "--store", "postgres", "--connection", database.ConnectionString);

        first.AssertSucceeded();
        first.AssertInOrder(
            "Applying the migrations shipped in Integrations.Storage.EfCore",
            "✓ Applied 2 migration(s): 20260101000000_IntegrationsInitial, 20260201000000_IntegrationsSync.",
            "saved in PostgreSQL (table integrations.integrations)",
            "✓ Refreshed",
            "<- 200 OK",
            "Step 5: Sync: the initial pull",
            "✓ Both sides hold the same",
            "Step 9: The sync history",
            "Deleted from PostgreSQL (table integrations.integrations): the user has 0 integrations left.",
            "Done: every step succeeded.");
        // The store package has sync stores: sync state and run history live in PostgreSQL too.
        var syncStores = first.Step("Sync: the initial pull").Value("sync state and run history");
        Assert.StartsWith("PostgreSQL", syncStores, StringComparison.Ordinal);
        Assert.True(await ScalarAsync("SELECT count(*) FROM integrations.sync_runs") >= 4);

        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" IN ('20260101000000_IntegrationsInitial', '20260201000000_IntegrationsSync')"));

        // A second run finds the schema in place and leaves no rows behind either.
        var second = await SampleRun.StartAsync(browser: null, "--store", "postgres", "--connection", database.ConnectionString);

        second.AssertSucceeded();
        second.AssertInOrder("✓ The schema is up to date: no migration to apply.", "Done: every step succeeded.");
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM integrations.integrations"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM integrations.pending_authorizations"));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
