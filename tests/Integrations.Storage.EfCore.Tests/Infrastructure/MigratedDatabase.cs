using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A database of the test class's own, created with the shipped migrations, and the SDK wired to it
/// the way a host wires it: <c>AddIntegrations().AddEntityFrameworkCoreStores(connectionString)</c>.
/// </summary>
public class MigratedDatabase : PostgresDatabase
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
    /// <param name="timeProvider">The host's clock.</param>
    /// <param name="configure">Adds providers (or anything else) to the SDK.</param>
    public ServiceProvider CreateServices(TimeProvider timeProvider, Action<IIntegrationsBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider);
        var builder = services.AddIntegrations().AddEntityFrameworkCoreStores(ConnectionString);
        configure?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Empties every table of the model (tables added later included), so each test starts from empty storage.</summary>
    public async Task ResetAsync()
    {
        await using var db = CreateContext();
        var tables = db.Model.GetEntityTypes().Select(e => $"\"{e.GetSchema()}\".\"{e.GetTableName()}\"").Distinct();
        await Sql.ExecuteAsync(ConnectionString, $"TRUNCATE {string.Join(", ", tables)}");
    }
}
