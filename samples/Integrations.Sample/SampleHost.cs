using System.Net;
using System.Net.Http.Headers;
using Integrations.Providers.Strava;
using Integrations.Storage.EfCore;
using Integrations.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Sample;

/// <summary>
/// The SDK wired the way a host wires it, in one place: <c>AddIntegrations()</c>, one provider
/// (the sandbox, any OpenID Connect server, or Strava), an HttpClient for the provider's API, the
/// sync engine with one resource (two-way with the sandbox, Strava's activities pulled into the
/// app), and the in-memory or PostgreSQL stores. An ASP.NET Core host does the same on
/// <c>builder.Services</c>.
/// </summary>
internal sealed class SampleHost : IAsyncDisposable
{
    /// <summary>The provider name of a real OpenID Connect server; stored on its integrations.</summary>
    public const string OidcProvider = "oidc";

    /// <summary>The name of the integration HttpClient that calls the provider's API.</summary>
    public const string ApiClient = "provider-api";

    /// <summary>The signed-in user of the host app, who owns the integration.</summary>
    public static readonly IntegrationOwner User = IntegrationOwner.ForUser("sample-user");

    /// <summary>Short sandbox tokens, so that the demo clock only has to jump five minutes.</summary>
    public static readonly TimeSpan SandboxTokenLifetime = TimeSpan.FromMinutes(5);

    private readonly ServiceProvider _services;

    private SampleHost(ServiceProvider services, SampleOptions options, DemoClock? clock)
    {
        _services = services;
        Options = options;
        Clock = clock;
    }

    public SampleOptions Options { get; }

    /// <summary>The clock the sandbox run moves forward; <see langword="null"/> against a real provider (real time).</summary>
    public DemoClock? Clock { get; }

    public IServiceProvider Services => _services;

    /// <summary>Connects, lists and disconnects integrations.</summary>
    public IIntegrationManager Manager => _services.GetRequiredService<IIntegrationManager>();

    /// <summary>Hands out valid access tokens, refreshing them when needed.</summary>
    public IAccessTokenProvider Tokens => _services.GetRequiredService<IAccessTokenProvider>();

    /// <summary>Creates HttpClients bound to one integration.</summary>
    public IIntegrationHttpClientFactory HttpClients => _services.GetRequiredService<IIntegrationHttpClientFactory>();

    /// <summary>Where integrations live (in memory or PostgreSQL).</summary>
    public IIntegrationStore Store => _services.GetRequiredService<IIntegrationStore>();

    /// <summary>A short description of the store, for the output.</summary>
    public string StoreName => Options.Store == SampleStore.Postgres ? "PostgreSQL (table integrations.integrations)" : "the in-memory store";

    /// <param name="options">What the command line asked for.</param>
    /// <param name="console">Where the wire log, the SDK's log and its events are printed.</param>
    /// <param name="configureHost">The smoke tests' hook (see <see cref="Program.RunAsync"/>): runs after every registration.</param>
    /// <param name="cancellationToken">Stops the start (the migrations).</param>
    public static async Task<SampleHost> StartAsync(
        SampleOptions options, SampleConsole console, Action<IIntegrationsBuilder>? configureHost, CancellationToken cancellationToken)
    {
        var sandbox = options.Provider == SampleProvider.Sandbox;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new SampleLoggerProvider(console, options.Verbose ? LogLevel.Information : LogLevel.Warning)));
        services.AddSingleton<IIntegrationEventHandler>(new EventPrinter(console));

        DemoClock? clock = null;
        if (sandbox)
        {
            // The SDK and the sandbox read the time from the registered TimeProvider.
            clock = new DemoClock();
            services.AddSingleton<TimeProvider>(clock);
        }

        var integrations = services.AddIntegrations();
        switch (options.Provider)
        {
            case SampleProvider.Sandbox:
                AddSandbox(integrations, console);
                break;
            case SampleProvider.Oidc:
                AddOpenIdConnect(integrations, options, console);
                break;
            default:
                AddStrava(integrations, options, console);
                break;
        }

        if (options.Store == SampleStore.Postgres)
        {
            // Replaces the in-memory stores. Tokens are encrypted with ASP.NET Core Data Protection;
            // its default key ring lives in the user profile here. A production host persists the
            // key ring where every instance finds it (PersistKeysToDbContext, to a file share, ...).
            integrations.AddEntityFrameworkCoreStores(options.Connection!);
        }
        else
        {
            // Nothing outlives the process: keep the encryption keys in memory as well.
            services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        }

        if (sandbox)
        {
            // After the stores: database sync stores, where the store package has them, are used
            // instead of the in-memory defaults whichever order they are registered in.
            AddSandboxSync(integrations, clock!);
        }

        configureHost?.Invoke(integrations);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            if (sandbox)
            {
                // Like a real API, the synced resource accepts only live access tokens from the
                // sandbox's authorization server: the sync calls carry the integration's token.
                var authorization = provider.GetRequiredKeyedService<SandboxAuthorizationServer>(SandboxDefaults.Name);
                provider.GetRequiredService<SandboxSyncServer>().TokenValidator = token => authorization.TryValidateAccessToken(token, out _);
            }

            // What a generic host does at start-up: options marked ValidateOnStart fail now, not on first use.
            provider.GetRequiredService<IStartupValidator>().Validate();
            if (options.Store == SampleStore.Postgres)
            {
                await MigrateAsync(provider, options.Connection!, console, cancellationToken);
            }
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }

        return new SampleHost(provider, options, clock);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>
    /// The status a provider answers to <paramref name="url"/> with <paramref name="token"/>, sent by a
    /// plain HttpClient (no integration: no refresh, no retry). After a disconnect: proof from the
    /// provider's side that the token is dead.
    /// </summary>
    public async Task<HttpStatusCode> ProbeAsync(Uri url, AccessToken token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue(token.TokenType, token.Value);
        using var response = await _services.GetRequiredService<IHttpClientFactory>().CreateClient().SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>
    /// The sandbox provider plus the HttpClient for its demo API. Both talk to the in-process sandbox
    /// server (an HttpMessageHandler), so nothing goes to the network.
    /// </summary>
    private static void AddSandbox(IIntegrationsBuilder integrations, SampleConsole console)
    {
        integrations.AddSandbox(SandboxDefaults.Name, sandbox => sandbox.AccessTokenLifetime = SandboxTokenLifetime);
        integrations
            .AddHttpClient(
                ApiClient,
                client => client.BaseAddress = SandboxDefaults.BaseUri,

                // Shorter backoff than the default (1 s median), so the demonstrated retry is quick.
                resilience => resilience.BaseDelay = TimeSpan.FromMilliseconds(200))
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredKeyedService<SandboxAuthorizationServer>(SandboxDefaults.Name).CreateHandler())
            .AddHttpMessageHandler(() => new WireLogHandler(console));
    }

    /// <summary>
    /// The sandbox's paged, writable resource and this host's side of it. A provider package offers
    /// the source and target of its resources (here <c>AddSandboxSync</c>); the host adds the
    /// engine and, per resource, its handler and settings.
    /// </summary>
    private static void AddSandboxSync(IIntegrationsBuilder integrations, TimeProvider clock)
    {
        var server = new SandboxSyncServer(clock) { Latency = SyncScenario.Latency };
        integrations.Services.AddSingleton(server);
        integrations.Services.AddSingleton<HostItemTable>();
        integrations
            // A web host leaves SyncOnConnect on: connecting then starts the initial sync in the
            // background. The sample runs it in the foreground instead, to show its progress.
            .AddSync(sync => sync.SyncOnConnect = false)
            .AddSandboxSync(server, sandbox => sandbox.UseAccessTokenProvider = true)
            .AddSyncResource<SandboxItemData, HostItemHandler>(SyncScenario.Resource, resource =>
            {
                resource.ConflictPolicy = SyncScenario.ConflictPolicy;
                resource.PageSize = SyncScenario.PageSize;
            });
    }

    /// <summary>
    /// Any OpenID Connect provider: the authority, the client id and secret are all it needs; the
    /// endpoints come from its discovery document. The HttpClient calls its userinfo endpoint.
    /// </summary>
    private static void AddOpenIdConnect(IIntegrationsBuilder integrations, SampleOptions options, SampleConsole console)
    {
        integrations.AddOpenIdConnect(OidcProvider, oidc =>
        {
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId!;
            oidc.ClientSecret = options.ClientSecret;

            // No secret: a public client (an installed app); PKCE, which the SDK always sends, protects the code.
            oidc.ClientAuthentication = string.IsNullOrEmpty(options.ClientSecret) ? ClientAuthenticationMethod.None : ClientAuthenticationMethod.Basic;
        });
        integrations
            .AddHttpClient(ApiClient, configureResilience: resilience => resilience.BaseDelay = TimeSpan.FromMilliseconds(500))
            .AddHttpMessageHandler(() => new WireLogHandler(console));
    }

    /// <summary>
    /// Strava (package Integrations.Providers.Strava): the client id and secret are all it needs;
    /// endpoints, comma-separated scopes and Strava's token quirks are built in. <c>AddStrava</c> also
    /// registers the API client (<see cref="StravaClient"/>) behind the application-wide rate-limit
    /// budget and the <c>activities</c> sync source, so the host only adds its handler.
    /// </summary>
    private static void AddStrava(IIntegrationsBuilder integrations, SampleOptions options, SampleConsole console)
    {
        integrations.Services.AddSingleton<HostActivities>();
        integrations
            .AddStrava(strava =>
            {
                strava.ClientId = options.ClientId!;
                strava.ClientSecret = options.ClientSecret;

                // Someone is watching: when the application's quarter-hour budget is used up, fail
                // with RateLimitExceeded rather than wait (a background sync keeps the 24-hour default).
                strava.RateLimit.MaxWait = TimeSpan.FromSeconds(20);
            })
            .AddSync(sync => sync.SyncOnConnect = false)
            .AddSyncResource<StravaActivity, HostActivityHandler>(StravaDefaults.ActivitiesResource, resource =>
            {
                // Strava's largest page: the fewest requests out of the budget every athlete of the app shares.
                resource.PageSize = StravaDefaults.MaxPageSize;
            })

            // The wire log on the OAuth endpoints (code exchange, refresh, deauthorization) as well:
            // it shows that each happened once.
            .ConfigureBackchannel(StravaDefaults.ProviderName, backchannel => backchannel.AddHttpMessageHandler(() => new WireLogHandler(console)));
        integrations.Services
            .AddHttpClient(StravaDefaults.ApiClientName(StravaDefaults.ProviderName))
            .AddHttpMessageHandler(() => new WireLogHandler(console));
    }

    /// <summary>
    /// Applies the migrations shipped in Integrations.Storage.EfCore, as a host does at start-up or
    /// in a deployment step. <c>MigrateAsync</c> applies only what is missing and takes a database
    /// lock, so several instances starting together are safe.
    /// </summary>
    private static async Task MigrateAsync(IServiceProvider services, string connectionString, SampleConsole console, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        console.Say($"Store: PostgreSQL database '{target.Database}' on {target.Host}:{target.Port}. Applying the migrations shipped in Integrations.Storage.EfCore (Database.MigrateAsync)...");
        var factory = services.GetRequiredService<IDbContextFactory<IntegrationsDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        console.Ok(pending.Count == 0
            ? "The schema is up to date: no migration to apply."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
    }
}
