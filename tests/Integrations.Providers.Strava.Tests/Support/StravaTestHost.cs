using System.Net;
using System.Text;
using Integrations.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integrations.Providers.Strava.Tests.Support;

/// <summary>
/// The SDK wired as a host wires Strava: <c>AddStrava</c>, an activities handler, the sync engine,
/// a fake clock, and one MockHttp network behind every Strava client (OAuth, API, subscriptions)
/// that fails on any request nobody registered.
/// </summary>
internal sealed class StravaTestHost : IAsyncDisposable
{
    public const string ClientId = "12345";
    public const string ClientSecret = "strava-client-secret";
    public const string VerifyToken = "STRAVA-VERIFY";
    public const string Api = "https://www.strava.com/api/v3/";
    public const string TokenEndpoint = "https://www.strava.com/oauth/token";
    public const string DeauthorizeEndpoint = "https://www.strava.com/oauth/deauthorize";
    public const string ActivitiesUrl = Api + "athlete/activities";
    public const string AthleteId = "134815";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    public static readonly IntegrationOwner Alice = new("acme", "alice");
    public static readonly IntegrationOwner Bob = new("acme", "bob");

    public StravaTestHost(Action<StravaOptions>? configure = null, Action<IServiceCollection>? services = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Http.Fallback.Throw(new InvalidOperationException("MockHttp: a request nobody registered was sent."));
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<IIntegrationEventHandler>(Events);
        collection.AddSingleton(Activities);
        var builder = collection.AddIntegrations();
        collection.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        builder
            .AddStrava(o =>
            {
                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.Webhooks.VerifyToken = VerifyToken;
                configure?.Invoke(o);
            })
            .AddSync(o => o.SyncOnConnect = false)
            .AddSyncResource<StravaActivity, RecordingActivityHandler>(StravaDefaults.ActivitiesResource)
            .ConfigureBackchannel(StravaDefaults.ProviderName, b => b.ConfigurePrimaryHttpMessageHandler(() => Http));
        collection.AddHttpClient(StravaDefaults.ApiClientName(StravaDefaults.ProviderName)).ConfigurePrimaryHttpMessageHandler(() => Http);
        collection.AddHttpClient(StravaDefaults.SubscriptionsClientName(StravaDefaults.ProviderName)).ConfigurePrimaryHttpMessageHandler(() => Http);
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public MockHttpMessageHandler Http { get; } = new();

    public RecordingEventHandler Events { get; } = new();

    public RecordingActivityHandler Activities { get; } = new();

    public ServiceProvider Services { get; }

    public IOAuthProvider Provider => Services.GetRequiredService<IOAuthProviderRegistry>().Get(StravaDefaults.ProviderName);

    public IIntegrationManager Manager => Services.GetRequiredService<IIntegrationManager>();

    public IIntegrationStore Store => Services.GetRequiredService<IIntegrationStore>();

    public ITokenProtector Protector => Services.GetRequiredService<ITokenProtector>();

    public IAccessTokenProvider Tokens => Services.GetRequiredService<IAccessTokenProvider>();

    public ISyncEngine Sync => Services.GetRequiredService<ISyncEngine>();

    public StravaClient Client => Services.GetRequiredService<StravaClient>();

    public StravaRateLimitBudget Budget => Services.GetRequiredService<StravaRateLimitBudget>();

    public StravaWebhookHandler Webhooks => Services.GetRequiredService<StravaWebhookHandler>();

    public StravaSubscriptionManager Subscriptions => Services.GetRequiredService<StravaSubscriptionManager>();

    /// <summary>A Strava integration stored directly, with protected tokens that expire six hours after <see cref="Start"/>.</summary>
    public Task<Integration> AddIntegrationAsync(IntegrationOwner? owner = null, string athleteId = AthleteId, TokenSet? tokens = null, params string[] scopes)
    {
        var who = owner ?? Alice;
        var now = Time.GetUtcNow();
        return Store.AddAsync(new Integration
        {
            Id = Guid.NewGuid(),
            TenantId = who.TenantId,
            UserId = who.UserId,
            Provider = StravaDefaults.ProviderName,
            DisplayName = "athlete " + athleteId,
            Account = new ExternalAccount(athleteId),
            GrantedScopes = scopes.Length == 0 ? ["read", "activity:read_all", "activity:write"] : [.. scopes],
            Tokens = Protector.Protect(who, tokens ?? new TokenSet("access-" + who.UserId) { RefreshToken = "refresh-" + who.UserId, ExpiresAt = Start.AddHours(6) }),
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    /// <summary>The tokens stored for an integration, decrypted.</summary>
    public async Task<TokenSet> StoredTokensAsync(Integration integration)
    {
        var stored = await Store.GetAsync(integration.Owner, integration.Id);
        return Protector.Unprotect(integration.Owner, stored!.Tokens!);
    }

    /// <summary>A JSON response (status, fixture text) with optional headers such as Strava's rate-limit pair.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Strava's four rate-limit headers ("15min,daily").</summary>
    public static (string, string)[] RateLimits(string limit, string usage, string? readLimit = null, string? readUsage = null) =>
        readLimit is null
            ? [("X-RateLimit-Limit", limit), ("X-RateLimit-Usage", usage)]
            : [("X-RateLimit-Limit", limit), ("X-RateLimit-Usage", usage), ("X-ReadRateLimit-Limit", readLimit), ("X-ReadRateLimit-Usage", readUsage!)];

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Http.Dispose();
    }
}
