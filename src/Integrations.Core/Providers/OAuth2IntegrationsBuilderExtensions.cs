using Integrations.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations;

/// <summary>Adds OAuth 2.0 providers: the generic one configured by options, or a provider package's own class.</summary>
public static class OAuth2IntegrationsBuilderExtensions
{
    /// <summary>
    /// Adds a standard OAuth 2.0 provider configured entirely by options (endpoints, client
    /// credentials, scopes, profile mapping). The options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on integrations (for example <c>github</c>).</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddOAuth2(this IIntegrationsBuilder builder, string name, Action<OAuthProviderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return ProviderRegistration.Add<OAuthProviderOptions>(builder, name, o => o.Configure(configure), (services, options) => Create(services, name, options));
    }

    /// <summary>Adds a standard OAuth 2.0 provider with options bound from a configuration section.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on integrations.</param>
    /// <param name="configuration">The section, for example <c>Integrations:Providers:github</c>.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddOAuth2(this IIntegrationsBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ProviderRegistration.Add<OAuthProviderOptions>(builder, name, o => o.Bind(configuration), (services, options) => Create(services, name, options));
    }

    /// <summary>
    /// Adds a provider class derived from <see cref="OAuth2Provider"/> (or <see cref="OpenIdConnectProvider"/>)
    /// with its own options type: what a provider package's <c>AddX()</c> method calls. The provider's
    /// constructor receives the name and the options; its other parameters come from dependency injection.
    /// </summary>
    /// <typeparam name="TProvider">The provider class; its constructor takes <c>(string name, TOptions options, ...services)</c>.</typeparam>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on integrations.</param>
    /// <param name="configure">Sets the options (a provider package sets its defaults, then the host's values).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddOAuthProvider<TProvider, TOptions>(this IIntegrationsBuilder builder, string name, Action<TOptions> configure)
        where TProvider : OAuth2Provider
        where TOptions : OAuthProviderOptions
    {
        ArgumentNullException.ThrowIfNull(configure);
        return ProviderRegistration.Add<TOptions>(builder, name, o => o.Configure(configure),
            (services, options) => ActivatorUtilities.CreateInstance<TProvider>(services, name, options));
    }

    private static OAuth2Provider Create(IServiceProvider services, string name, OAuthProviderOptions options) => new(
        name,
        options,
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger<OAuth2Provider>());
}
