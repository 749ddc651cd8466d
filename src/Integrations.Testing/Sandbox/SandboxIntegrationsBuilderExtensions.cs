using Integrations.Testing.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Testing;

/// <summary>Registers sandbox servers (and providers that talk to them) with the SDK.</summary>
public static class SandboxIntegrationsBuilderExtensions
{
    /// <summary>
    /// Adds a ready-to-use sandbox provider: a <see cref="SandboxAuthorizationServer"/> registered as
    /// <see cref="AddSandboxServer"/> does, and a generic OAuth 2.0 provider of the same name talking to
    /// it (endpoints, client credentials and default scopes from
    /// <see cref="SandboxAuthorizationServer.ConfigureProvider"/>; every backchannel request goes to
    /// the in-process server, never to the network). Connect, refresh, call the demo API and
    /// disconnect without an account anywhere.
    /// </summary>
    /// <remarks>
    /// The refresh windows default to fit the sandbox's <see cref="SandboxOptions.AccessTokenLifetime"/>
    /// (lifetime <c>L</c>): refresh ahead <c>min(5 min, L/4)</c> before expiry, wait for the refresh
    /// <c>min(1 min, L/10)</c> before expiry, and after a failed refresh retry after
    /// <c>min(30 s, L/10)</c>. With the default one-hour lifetime these are the SDK's own defaults; with
    /// a one-minute lifetime (handy in demos) they are 15 s, 6 s and 6 s. Change them, or anything else
    /// about the provider, in <paramref name="configureProvider"/>, which runs last. The server uses
    /// the host's <see cref="TimeProvider"/>, so a test's fake clock moves the SDK and the sandbox together.
    /// </remarks>
    /// <example>
    /// <code>
    /// services.AddIntegrations()
    ///     .AddSandbox("sandbox", o => o.AccessTokenLifetime = TimeSpan.FromMinutes(1));
    ///
    /// // Later, in a test or a demo:
    /// var manager = provider.GetRequiredService&lt;IIntegrationManager&gt;();
    /// var sandbox = provider.GetRequiredKeyedService&lt;SandboxAuthorizationServer&gt;("sandbox");
    /// var start = await manager.BeginConnectAsync(new BeginConnectRequest
    /// {
    ///     Owner = IntegrationOwner.ForUser("user-1"),
    ///     Provider = "sandbox",
    ///     RedirectUri = new Uri("https://localhost/callback"),
    /// });
    /// var callback = await sandbox.AuthorizeAsync(start.AuthorizationUrl);   // the user signs in and consents
    /// var connected = await manager.CompleteConnectAsync(IntegrationOwner.ForUser("user-1"), ConnectCallback.FromUri(callback));
    /// var token = await provider.GetRequiredService&lt;IAccessTokenProvider&gt;().GetAccessTokenAsync(connected.Integration.Key);
    /// </code>
    /// </example>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name (and the key of the server). Default <see cref="SandboxDefaults.Name"/>.</param>
    /// <param name="configure">Configures the sandbox server (token lifetimes, accounts, client authentication, ...).</param>
    /// <param name="configureProvider">Adjusts the provider's options after the sandbox has filled them (refresh windows, extra authorization parameters, ...).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSandbox(
        this IIntegrationsBuilder builder,
        string name = SandboxDefaults.Name,
        Action<SandboxOptions>? configure = null,
        Action<OAuthProviderOptions>? configureProvider = null)
    {
        builder.AddSandboxServer(name, configure);

        // Registered before AddOAuth2's own configuration, so the host's configureProvider runs last.
        builder.Services.AddOptions<OAuthProviderOptions>(name).Configure<IServiceProvider>((options, services) =>
        {
            services.GetRequiredKeyedService<SandboxAuthorizationServer>(name).ConfigureProvider(options);
            FitRefreshWindows(options.TokenRefresh, services.GetRequiredService<IOptionsMonitor<SandboxOptions>>().Get(name).AccessTokenLifetime);
        });
        return builder.AddOAuth2(name, options => configureProvider?.Invoke(options));
    }

    /// <summary>
    /// Registers a <see cref="SandboxAuthorizationServer"/> as a singleton keyed by
    /// <paramref name="name"/> (and unkeyed, for the first one registered), with options named
    /// <paramref name="name"/> validated at start-up and the host's <see cref="TimeProvider"/>, and
    /// routes the backchannel of the provider named <paramref name="name"/> (token, userinfo and
    /// revocation calls) to it. Register the provider itself separately, configured with
    /// <see cref="SandboxAuthorizationServer.ConfigureProvider"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name the sandbox serves. Default <see cref="SandboxDefaults.Name"/>.</param>
    /// <param name="configure">Configures the sandbox.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSandboxServer(this IIntegrationsBuilder builder, string name = SandboxDefaults.Name, Action<SandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<SandboxOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        builder.Services.TryAddKeyedSingleton(name, (services, _) => new SandboxAuthorizationServer(
            services.GetRequiredService<IOptionsMonitor<SandboxOptions>>().Get(name),
            services.GetService<TimeProvider>()));
        builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<SandboxAuthorizationServer>(name));
        return builder.ConfigureBackchannel(name, client => client.ConfigurePrimaryHttpMessageHandler(
            services => services.GetRequiredKeyedService<SandboxAuthorizationServer>(name).CreateHandler()));
    }

    private static void FitRefreshWindows(TokenRefreshOptions refresh, TimeSpan lifetime)
    {
        refresh.RefreshBeforeExpiry = Min(TimeSpan.FromMinutes(5), lifetime / 4);
        refresh.MustRefreshBeforeExpiry = Min(TimeSpan.FromMinutes(1), lifetime / 10);
        refresh.RetryDelay = Min(TimeSpan.FromSeconds(30), lifetime / 10);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
