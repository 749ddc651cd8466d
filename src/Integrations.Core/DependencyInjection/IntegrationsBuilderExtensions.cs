using Microsoft.Extensions.DependencyInjection;

namespace Integrations;

/// <summary>Adds providers to the SDK. Provider packages build their <c>AddX()</c> methods on these.</summary>
public static class IntegrationsBuilderExtensions
{
    /// <summary>Registers a provider under a name. Names are unique; a duplicate fails at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on integrations (for example <c>google</c>).</param>
    /// <param name="factory">Creates the provider once.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddProvider(this IIntegrationsBuilder builder, string name, Func<IServiceProvider, IOAuthProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(new OAuthProviderRegistration(name, factory));
        return builder;
    }

    /// <summary>
    /// Configures the HttpClient a provider uses for its OAuth endpoints (token, userinfo,
    /// revocation, discovery), for example to set a primary handler in tests.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="providerName">The provider name.</param>
    /// <param name="configure">Configures the client.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder ConfigureBackchannel(this IIntegrationsBuilder builder, string providerName, Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder.Services.AddHttpClient(IntegrationsHttpClientNames.Backchannel(providerName)));
        return builder;
    }
}
