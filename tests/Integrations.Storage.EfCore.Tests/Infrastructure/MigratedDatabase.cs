using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A database of the test class's own, created with the shipped migrations, and the SDK wired to it
/// the way a host wires it: <c>AddIntegrations().AddEntityFrameworkCoreStores(connectionString)</c>.
/// </summary>
public sealed class MigratedDatabase : PostgresDatabase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    /// <summary>A context on this database, for setting up and inspecting.</summary>
    public IntegrationsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>A host's service provider using the EF Core stores on this database and <paramref name="timeProvider"/>.</summary>
    public ServiceProvider CreateServices(TimeProvider timeProvider)
    {
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider);
        services.AddIntegrations().AddEntityFrameworkCoreStores(ConnectionString);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Empties every table, so each test starts from empty storage.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "TRUNCATE integrations.integrations, integrations.pending_authorizations, integrations.leases", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and returns the first column of every row as text.</summary>
    public async Task<List<string>> QueryTextAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!);
        }

        return rows;
    }
}
