using Integrations.Storage.EfCore.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Storage.EfCore;

/// <summary>Stores the SDK's data with Entity Framework Core on PostgreSQL instead of in memory.</summary>
public static class EntityFrameworkCoreIntegrationsBuilderExtensions
{
    /// <summary>
    /// Replaces the in-memory stores (integrations, pending authorizations, leases, sync state and
    /// sync history) with stores on the host's <typeparamref name="TContext"/>, whose <c>OnModelCreating</c> calls
    /// <see cref="IntegrationsModelBuilderExtensions.ApplyIntegrationsModel"/> (or use
    /// <see cref="IntegrationsDbContext"/>).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The stores are singletons and borrow a short-lived context for each operation: from
    /// <see cref="IDbContextFactory{TContext}"/> when the host registered one
    /// (<c>AddPooledDbContextFactory</c> is the fastest), otherwise from a new scope when it only
    /// called <c>AddDbContext</c>. Store operations never join a unit of work of the host's own
    /// context; each one commits on its own.
    /// </para>
    /// <para>
    /// A store the host registered itself before this call is kept (every registration is
    /// <c>TryAdd</c>); only the in-memory defaults are replaced. The order of the calls does not
    /// matter: <c>AddSync()</c> before this call has its in-memory sync stores replaced, and after it
    /// keeps the ones registered here.
    /// </para>
    /// </remarks>
    /// <typeparam name="TContext">The context that maps the Integrations tables.</typeparam>
    /// <param name="builder">The builder returned by <c>AddIntegrations()</c>.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddEntityFrameworkCoreStores<TContext>(this IIntegrationsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<DbContextSource<TContext>>();
        ReplaceDefault<IIntegrationStore, InMemoryIntegrationStore, EfCoreIntegrationStore<TContext>>(services);
        ReplaceDefault<IPendingAuthorizationStore, InMemoryPendingAuthorizationStore, EfCorePendingAuthorizationStore<TContext>>(services);
        ReplaceDefault<ILeaseStore, InMemoryLeaseStore, EfCoreLeaseStore<TContext>>(services);
        ReplaceDefault<ISyncStateStore, InMemorySyncStateStore, EfCoreSyncStateStore<TContext>>(services);
        ReplaceDefault<ISyncRunStore, InMemorySyncRunStore, EfCoreSyncRunStore<TContext>>(services);
        return builder;
    }

    /// <summary>
    /// Stores the SDK's data in PostgreSQL through <see cref="IntegrationsDbContext"/>, registered as
    /// a pooled context factory on <paramref name="connectionString"/>. Apply the shipped migrations
    /// with <c>Database.MigrateAsync()</c> (see <see cref="IntegrationsDbContext"/>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddIntegrations()</c>.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddEntityFrameworkCoreStores(this IIntegrationsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddPooledDbContextFactory<IntegrationsDbContext>(options => options.UseNpgsql(connectionString));
        return builder.AddEntityFrameworkCoreStores<IntegrationsDbContext>();
    }

    private static void ReplaceDefault<TService, TDefault, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && services[i].ImplementationType == typeof(TDefault))
            {
                services.RemoveAt(i);
            }
        }

        services.TryAddSingleton<TService, TImplementation>();
    }
}
