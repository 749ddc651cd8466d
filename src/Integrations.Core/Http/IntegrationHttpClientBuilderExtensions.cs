using Integrations.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations;

/// <summary>
/// Registers HttpClients that call provider APIs on behalf of integrations: a resilience handler
/// (retries, <c>Retry-After</c>, per-attempt timeout, circuit breaker) around an authorization
/// handler (the integration's access token, one refresh on 401).
/// </summary>
public static class IntegrationHttpClientBuilderExtensions
{
    /// <summary>
    /// Registers a named HttpClient with the integration handlers. Get a client bound to one
    /// integration from <see cref="IIntegrationHttpClientFactory.CreateClient"/>, or create the
    /// client from <see cref="IHttpClientFactory"/> and call
    /// <see cref="IntegrationHttpRequestMessageExtensions.SetIntegration"/> on each request.
    /// </summary>
    /// <param name="builder">The integrations builder.</param>
    /// <param name="name">The client name, usually the provider's (for example <c>google</c>); it also names the resilience options and the circuit.</param>
    /// <param name="configureClient">Sets the base address, default headers or timeout of the client.</param>
    /// <param name="configureResilience">Changes the retry, timeout and circuit breaker settings of this client.</param>
    /// <returns>The HttpClient builder, to add more handlers or set the primary handler.</returns>
    public static IHttpClientBuilder AddHttpClient(
        this IIntegrationsBuilder builder,
        string name,
        Action<HttpClient>? configureClient = null,
        Action<IntegrationResilienceOptions>? configureResilience = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var client = configureClient is null ? builder.Services.AddHttpClient(name) : builder.Services.AddHttpClient(name, configureClient);
        return client.AddIntegrationHandlers(configureResilience);
    }

    /// <summary>
    /// Adds the integration handlers to an HttpClient registration, for example a typed client:
    /// <c>services.AddHttpClient&lt;MyApi&gt;().AddIntegrationHandlers()</c>. Each request must name its
    /// integration with <see cref="IntegrationHttpRequestMessageExtensions.SetIntegration"/>.
    /// Requires <c>AddIntegrations()</c>, which provides the access tokens. Calling it again for the
    /// same client only adds configuration; the handlers are added once.
    /// </summary>
    /// <param name="builder">The HttpClient builder.</param>
    /// <param name="configure">Changes the retry, timeout and circuit breaker settings of this client.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddIntegrationHandlers(this IHttpClientBuilder builder, Action<IntegrationResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<IntegrationResilienceOptions>(builder.Name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddHandlers(builder);
    }

    /// <summary>
    /// Adds the integration handlers to an HttpClient registration with resilience settings bound
    /// from configuration (keys named as the properties of <see cref="IntegrationResilienceOptions"/>,
    /// for example <c>"MaxRetryAttempts": 5</c>, <c>"AttemptTimeout": "00:00:10"</c>).
    /// </summary>
    /// <param name="builder">The HttpClient builder.</param>
    /// <param name="configuration">The configuration section holding the settings.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddIntegrationHandlers(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<IntegrationResilienceOptions>(builder.Name).Bind(configuration);
        return AddHandlers(builder);
    }

    private static IHttpClientBuilder AddHandlers(IHttpClientBuilder builder)
    {
        var services = builder.Services;
        var name = builder.Name;
        services.AddOptions<IntegrationResilienceOptions>(name).ValidateOnStart();
        HttpRegistration.Add(services);

        foreach (var descriptor in services)
        {
            if (descriptor.ImplementationInstance is IntegrationHandlersMarker marker && marker.ClientName == name)
            {
                return builder;
            }
        }

        services.AddSingleton(new IntegrationHandlersMarker(name));
        return builder
            .AddHttpMessageHandler(sp => new IntegrationResilienceHandler(sp.GetRequiredService<HttpResiliencePipelines>().Get(name)))
            .AddHttpMessageHandler(sp => new IntegrationAuthorizationHandler(
                sp.GetRequiredService<IAccessTokenProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(HttpLog.Category)));
    }
}
