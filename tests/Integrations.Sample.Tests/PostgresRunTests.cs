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
            "✓ Applied 1 migration(s): 20260101000000_IntegrationsInitial.",
            "saved in PostgreSQL (table integrations.integrations)",
            "✓ Refreshed",
            "<- 200 OK",
            "Step 5: Sync: the initial pull",
            "✓ Both sides hold the same",
            "Step 9: The sync history",
            "Deleted from PostgreSQL (table integrations.integrations): the user has 0 integrations left.",
            "Done: every step succeeded.");
        // Sync state goes to PostgreSQL when the store package has sync stores; if it has none, the run
        // must say that sync state stayed in memory rather than let the reader assume otherwise.
        var syncStores = first.Step("Sync: the initial pull").Value("sync state and run history");
        if (syncStores.StartsWith("in memory", StringComparison.Ordinal))
        {
            Assert.Contains("! --store postgres: this build of Integrations.Storage.EfCore has no sync stores", first.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("PostgreSQL", syncStores, StringComparison.Ordinal);
        }

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20260101000000_IntegrationsInitial'"));

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
