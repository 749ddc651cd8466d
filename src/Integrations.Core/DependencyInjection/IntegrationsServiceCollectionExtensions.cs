using Integrations.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Registers the Integrations SDK.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK with in-memory stores. Every service is registered with <c>TryAdd*</c>, so a
    /// host can replace any of them by registering its own first.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures SDK-wide options.</param>
    /// <returns>A builder to add providers, stores and HTTP clients.</returns>
    public static IIntegrationsBuilder AddIntegrations(this IServiceCollection services, Action<IntegrationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IntegrationsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services);
    }

    /// <summary>Adds the SDK with options bound from a configuration section (for example <c>Integrations</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>A builder to add providers, stores and HTTP clients.</returns>
    public static IIntegrationsBuilder AddIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntegrationsOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static IIntegrationsBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<IntegrationsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationsOptions>, IntegrationsOptionsValidator>());

        services.AddLogging();
        services.AddMetrics();
        services.AddHttpClient();
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IntegrationsTelemetry>();
        services.TryAddSingleton<IntegrationEventDispatcher>();
        services.TryAddSingleton<IOAuthProviderRegistry, OAuthProviderRegistry>();
        services.TryAddSingleton<AccessTokenCache>();

        services.TryAddSingleton<IIntegrationStore, InMemoryIntegrationStore>();
        services.TryAddSingleton<IPendingAuthorizationStore, InMemoryPendingAuthorizationStore>();
        services.TryAddSingleton<ILeaseStore, InMemoryLeaseStore>();

        ConnectRegistration.Add(services);
        TokenRegistration.Add(services);
        HttpRegistration.Add(services);

        return new IntegrationsBuilder(services);
    }
}
