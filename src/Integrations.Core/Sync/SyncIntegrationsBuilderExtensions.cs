using Integrations.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Adds the sync engine, synced resources, and provider sources and targets.</summary>
/// <example>
/// <code>
/// services.AddIntegrations()
///     .AddSync(o => o.WhenAlreadyRunning = SyncAlreadyRunningBehavior.Join)
///     .AddSyncResource&lt;CalendarEvent, CalendarEventHandler&gt;("calendar-events", r => r.ConflictPolicy = SyncConflictPolicy.NewestWins);
/// </code>
/// </example>
public static class SyncIntegrationsBuilderExtensions
{
    /// <summary>
    /// Adds the sync engine (<see cref="ISyncEngine"/>) with in-memory sync stores unless others are
    /// registered. Safe to call more than once; the <c>AddSync*</c> methods call it too.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the engine.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSync(this IIntegrationsBuilder builder, Action<SyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddSyncCore(builder.Services);
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Adds the sync engine with options bound from a configuration section (for example <c>Integrations:Sync</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSync(this IIntegrationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddSyncCore(builder.Services);
        builder.Services.AddOptions<SyncOptions>().Bind(configuration);
        return builder;
    }

    /// <summary>
    /// Adds a synced resource with the host's handler (registered scoped unless already registered).
    /// When <typeparamref name="THandler"/> also implements <see cref="ILocalChangeFeed{TItem}"/>, the
    /// resource is two-way wherever its provider has a target.
    /// </summary>
    /// <typeparam name="TItem">The payload type the provider's source produces.</typeparam>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="resource">The resource name (lowercase letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; for example <c>calendar-events</c>).</param>
    /// <param name="configure">Configures the resource (conflict policy, page size).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSyncResource<TItem, THandler>(this IIntegrationsBuilder builder, string resource, Action<SyncResourceOptions<TItem>>? configure = null)
        where TItem : class
        where THandler : class, ISyncHandler<TItem>
    {
        ArgumentNullException.ThrowIfNull(builder);
        CheckResource(resource);
        AddSyncCore(builder.Services);
        builder.Services.TryAddScoped<THandler>();
        Func<IServiceProvider, ILocalChangeFeed<TItem>>? feed = typeof(ILocalChangeFeed<TItem>).IsAssignableFrom(typeof(THandler))
            ? services => (ILocalChangeFeed<TItem>)services.GetRequiredService<THandler>()
            : null;
        builder.Services.AddSingleton<SyncHandlerRegistration>(new SyncHandlerRegistration<TItem>(resource, services => services.GetRequiredService<THandler>(), feed));

        var options = builder.Services.AddOptions<SyncResourceOptions<TItem>>(resource);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.ConflictPolicy != SyncConflictPolicy.Callback || o.ConflictResolver is not null, $"Sync resource '{resource}': ConflictPolicy Callback needs a ConflictResolver.")
            .Validate(o => o.PageSize is null or (>= 1 and <= 10_000), $"Sync resource '{resource}': PageSize must be between 1 and 10000.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Adds a provider's source of a resource, created for every run with dependency injection.</summary>
    /// <typeparam name="TItem">The payload type.</typeparam>
    /// <typeparam name="TSource">The source.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="provider">The provider name (as on <see cref="Integration.Provider"/>).</param>
    /// <param name="resource">The resource name.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSyncSource<TItem, TSource>(this IIntegrationsBuilder builder, string provider, string resource)
        where TItem : class
        where TSource : class, ISyncSource<TItem> =>
        builder.AddSyncSource<TItem>(provider, resource, services => ActivatorUtilities.GetServiceOrCreateInstance<TSource>(services));

    /// <summary>Adds a provider's source of a resource, created for every run by <paramref name="factory"/>.</summary>
    /// <typeparam name="TItem">The payload type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="resource">The resource name.</param>
    /// <param name="factory">Creates the source.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSyncSource<TItem>(this IIntegrationsBuilder builder, string provider, string resource, Func<IServiceProvider, ISyncSource<TItem>> factory)
        where TItem : class =>
        AddProviderSide(builder, provider, resource, typeof(TItem), factory, isTarget: false);

    /// <summary>Adds a provider's target of a two-way resource, created for every run with dependency injection.</summary>
    /// <typeparam name="TItem">The payload type (the same as the source's).</typeparam>
    /// <typeparam name="TTarget">The target.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="resource">The resource name.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSyncTarget<TItem, TTarget>(this IIntegrationsBuilder builder, string provider, string resource)
        where TItem : class
        where TTarget : class, ISyncTarget<TItem> =>
        builder.AddSyncTarget<TItem>(provider, resource, services => ActivatorUtilities.GetServiceOrCreateInstance<TTarget>(services));

    /// <summary>Adds a provider's target of a two-way resource, created for every run by <paramref name="factory"/>.</summary>
    /// <typeparam name="TItem">The payload type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="resource">The resource name.</param>
    /// <param name="factory">Creates the target.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSyncTarget<TItem>(this IIntegrationsBuilder builder, string provider, string resource, Func<IServiceProvider, ISyncTarget<TItem>> factory)
        where TItem : class =>
        AddProviderSide(builder, provider, resource, typeof(TItem), factory, isTarget: true);

    private static IIntegrationsBuilder AddProviderSide(IIntegrationsBuilder builder, string provider, string resource, Type itemType, Func<IServiceProvider, object> factory, bool isTarget)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(factory);
        CheckResource(resource);
        AddSyncCore(builder.Services);
        builder.Services.AddSingleton(new SyncSourceRegistration(provider, resource, itemType, factory, isTarget));
        return builder;
    }

    private static void AddSyncCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SyncRegistry)))
        {
            return;
        }

        services.AddOptions<SyncOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>());
        services.TryAddSingleton<SyncRegistry>();
        services.TryAddSingleton<ISyncStateStore, InMemorySyncStateStore>();
        services.TryAddSingleton<ISyncRunStore, InMemorySyncRunStore>();
        services.TryAddSingleton<SyncIntegrationUpdater>();
        services.TryAddSingleton<SyncEngine>();
        services.TryAddSingleton<ISyncEngine>(sp => sp.GetRequiredService<SyncEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationEventHandler, SyncStateCleanupHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIntegrationEventHandler, InitialSyncHandler>());
    }

    private static void CheckResource(string resource)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        if (!resource.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
        {
            throw new ArgumentException($"The resource name '{resource}' may contain only lowercase letters, digits, '-', '_' and '.'.", nameof(resource));
        }
    }
}
