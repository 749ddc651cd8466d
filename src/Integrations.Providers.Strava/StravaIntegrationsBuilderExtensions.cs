using Integrations.Providers.Strava.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Strava;

/// <summary>Adds Strava to the SDK.</summary>
/// <example>
/// <code>
/// services.AddIntegrations()
///     .AddStrava(o =>
///     {
///         o.ClientId = configuration["Strava:ClientId"]!;
///         o.ClientSecret = configuration["Strava:ClientSecret"];
///         o.Webhooks.VerifyToken = configuration["Strava:VerifyToken"];
///     })
///     .AddSyncResource&lt;StravaActivity, MyActivityHandler&gt;(StravaDefaults.ActivitiesResource);
/// </code>
/// </example>
public static class StravaIntegrationsBuilderExtensions
{
    /// <summary>
    /// Adds Strava under the provider name <c>strava</c>: the OAuth provider, the API client
    /// (<see cref="StravaClient"/>) behind the application-wide rate-limit budget
    /// (<see cref="StravaRateLimitBudget"/>), the <c>activities</c> sync source and target, and the
    /// webhook services (<see cref="StravaWebhookHandler"/>, <see cref="StravaSubscriptionManager"/>).
    /// The options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options: at least <see cref="OAuthProviderOptions.ClientId"/> and <see cref="OAuthProviderOptions.ClientSecret"/>.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddStrava(this IIntegrationsBuilder builder, Action<StravaOptions> configure) =>
        builder.AddStrava(StravaDefaults.ProviderName, configure);

    /// <summary>Adds Strava under the provider name <c>strava</c> with options bound from a configuration section (for example <c>Integrations:Providers:strava</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The section: <c>ClientId</c>, <c>ClientSecret</c>, <c>DefaultScopes</c>, <c>ApprovalPrompt</c>, <c>Webhooks:VerifyToken</c>, <c>RateLimit:MaxWait</c>, ...</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddStrava(this IIntegrationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddStrava(StravaDefaults.ProviderName, configuration.Bind);
    }

    /// <summary>
    /// Adds a Strava application under another provider name (for a second Strava application, whose
    /// rate limits are its own). Its services are keyed by <paramref name="name"/>
    /// (<c>GetRequiredKeyedService&lt;StravaClient&gt;(name)</c>); the first Strava registration is
    /// also the one resolved without a key.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name stored on its integrations.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddStrava(this IIntegrationsBuilder builder, string name, Action<StravaOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        builder.AddOAuthProvider<StravaProvider, StravaOptions>(name, configure);
        services.PostConfigure<StravaOptions>(name, options =>
        {
            if (options.DefaultScopes.Count == 0)
            {
                foreach (var scope in StravaOptions.StandardScopes)
                {
                    options.DefaultScopes.Add(scope);
                }
            }

            // A base address without its final slash would drop "v3" from every relative URL.
            if (options.ApiBaseAddress is { IsAbsoluteUri: true } api && !api.AbsolutePath.EndsWith('/'))
            {
                options.ApiBaseAddress = new Uri(api.AbsoluteUri + "/");
            }
        });
        services.AddSingleton<IValidateOptions<StravaOptions>>(new StravaOptionsValidator(name));
        services.TryAddSingleton<StravaTelemetry>();

        AddServices(services, name);
        AddHttpClients(builder, name);
        builder.AddSyncSource<StravaActivity>(name, StravaDefaults.ActivitiesResource, sp => CreateSource(sp, name));
        builder.AddSyncTarget<StravaActivity>(name, StravaDefaults.ActivitiesResource, sp => CreateSource(sp, name));
        return builder;
    }

    private static void AddServices(IServiceCollection services, string name)
    {
        services.AddKeyedSingleton(name, (sp, _) => new StravaRateLimitBudget(
            name, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<StravaTelemetry>(), Logger(sp)));
        services.AddKeyedSingleton(name, (_, _) => new StravaActivityChanges());
        services.AddKeyedSingleton(name, (sp, _) => new StravaClient(
            name, sp.GetRequiredService<IIntegrationHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton(name, (sp, _) => new StravaSubscriptionManager(
            name, sp.GetRequiredService<IHttpClientFactory>(), Options(sp, name), sp.GetRequiredService<TimeProvider>(), Logger(sp)));
        services.AddKeyedSingleton(name, (sp, _) => new StravaWebhookHandler(
            name,
            Options(sp, name),
            sp.GetRequiredKeyedService<StravaSubscriptionManager>(name),
            new StravaWebhookProcessor(name, sp.GetRequiredKeyedService<StravaActivityChanges>(name), sp.GetRequiredService<IServiceScopeFactory>(), Logger(sp)),
            sp.GetRequiredService<StravaTelemetry>(),
            sp.GetRequiredService<TimeProvider>(),
            Logger(sp)));

        // The first registration also answers unkeyed requests, so a host with one Strava app injects StravaClient directly.
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<StravaRateLimitBudget>(name));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<StravaClient>(name));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<StravaSubscriptionManager>(name));
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<StravaWebhookHandler>(name));
    }

    /// <summary>
    /// The API client: rate-limit gate (outermost, so waits are not cut by the attempt timeout),
    /// resilience and authorization (Core), rate-limit meter (innermost, sees every attempt). The
    /// client has no overall timeout: a request may wait for its rate-limit window (bounded by
    /// <see cref="StravaRateLimitOptions.MaxWait"/>); each attempt keeps the resilience attempt timeout.
    /// </summary>
    private static void AddHttpClients(IIntegrationsBuilder builder, string name)
    {
        void Configure(IServiceProvider sp, HttpClient client)
        {
            client.BaseAddress = Options(sp, name)().ApiBaseAddress;
            client.Timeout = Timeout.InfiniteTimeSpan;
        }

        builder.Services.AddHttpClient(StravaDefaults.ApiClientName(name), Configure)
            .AddHttpMessageHandler(sp => Gate(sp, name))
            .AddIntegrationHandlers()
            .AddHttpMessageHandler(sp => Meter(sp, name));

        builder.Services.AddHttpClient(StravaDefaults.SubscriptionsClientName(name), Configure)
            .AddHttpMessageHandler(sp => Gate(sp, name))
            .AddHttpMessageHandler(sp => Meter(sp, name));
    }

    private static StravaRateLimitGate Gate(IServiceProvider sp, string name)
    {
        var options = Options(sp, name);
        return new StravaRateLimitGate(sp.GetRequiredKeyedService<StravaRateLimitBudget>(name), () => options().RateLimit, sp.GetRequiredService<TimeProvider>());
    }

    private static StravaRateLimitHandler Meter(IServiceProvider sp, string name) =>
        new(sp.GetRequiredKeyedService<StravaRateLimitBudget>(name), name, sp.GetRequiredService<TimeProvider>());

    private static StravaActivitySource CreateSource(IServiceProvider sp, string name) => new(
        sp.GetRequiredKeyedService<StravaClient>(name),
        sp.GetRequiredKeyedService<StravaActivityChanges>(name),
        Options(sp, name)(),
        sp.GetRequiredService<TimeProvider>());

    private static Func<StravaOptions> Options(IServiceProvider sp, string name)
    {
        var monitor = sp.GetRequiredService<IOptionsMonitor<StravaOptions>>();
        return () => monitor.Get(name);
    }

    private static ILogger Logger(IServiceProvider sp) => sp.GetRequiredService<ILoggerFactory>().CreateLogger(StravaLog.Category);
}
