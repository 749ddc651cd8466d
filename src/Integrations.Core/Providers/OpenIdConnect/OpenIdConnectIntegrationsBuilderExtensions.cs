using Integrations.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations;

/// <summary>Adds OpenID Connect providers: any standards-compliant server (Keycloak, Auth0, Okta, Google, ...).</summary>
public static class OpenIdConnectIntegrationsBuilderExtensions
{
    /// <summary>
    /// Adds an OpenID Connect provider. Set <see cref="OpenIdConnectProviderOptions.Authority"/>,
    /// <see cref="OAuthProviderOptions.ClientId"/> and usually <see cref="OAuthProviderOptions.ClientSecret"/>;
    /// the endpoints come from the discovery document. The options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on integrations (for example <c>keycloak</c>).</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddOpenIdConnect(this IIntegrationsBuilder builder, string name, Action<OpenIdConnectProviderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return ProviderRegistration.Add<OpenIdConnectProviderOptions>(builder, name, o => o.Configure(configure), (services, options) => Create(services, name, options));
    }

    /// <summary>Adds an OpenID Connect provider with options bound from a configuration section.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on integrations.</param>
    /// <param name="configuration">The section, for example <c>Integrations:Providers:keycloak</c>.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddOpenIdConnect(this IIntegrationsBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ProviderRegistration.Add<OpenIdConnectProviderOptions>(builder, name, o => o.Bind(configuration), (services, options) => Create(services, name, options));
    }

    private static OpenIdConnectProvider Create(IServiceProvider services, string name, OpenIdConnectProviderOptions options) => new(
        name,
        options,
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger<OpenIdConnectProvider>());
}
