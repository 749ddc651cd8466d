using Integrations.Storage.EfCore;
using Integrations.TestSupport.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks.Storage;

/// <summary>The storage benchmarks' databases on the TestSupport server, and the SDK's EF Core stores on them.</summary>
internal static class BenchmarkDatabase
{
    /// <summary>Creates a database on <paramref name="server"/> and applies the shipped migrations; returns its connection string.</summary>
    public static async Task<string> CreateMigratedAsync(PostgresServer server, string prefix)
    {
        var connectionString = await server.CreateDatabaseAsync(prefix);
        await using var db = CreateContext(connectionString);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    /// <summary>A context on the database, for setting up and inspecting.</summary>
    public static IntegrationsDbContext CreateContext(string connectionString) =>
        new(new DbContextOptionsBuilder<IntegrationsDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>
    /// Registers the EF Core stores on the database (pooled contexts, as a host has them), the plans of
    /// their queries going to <paramref name="plans"/>.
    /// </summary>
    public static IIntegrationsBuilder AddStores(IIntegrationsBuilder integrations, string connectionString, QueryPlanRecorder plans)
    {
        integrations.Services.AddPooledDbContextFactory<IntegrationsDbContext>(o => o.UseNpgsql(connectionString).AddInterceptors(plans));
        return integrations.AddEntityFrameworkCoreStores<IntegrationsDbContext>();
    }
}
