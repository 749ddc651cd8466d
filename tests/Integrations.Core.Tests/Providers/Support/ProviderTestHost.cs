using System.Net;
using Integrations.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Providers.Support;

/// <summary>
/// The SDK wired as a host would wire it (the real Data Protection token protector over an
/// ephemeral key ring), with a fake clock and a MockHttp primary handler behind the provider's backchannel that fails on any request nobody
/// registered.
/// </summary>
internal sealed class ProviderTestHost : IDisposable
{
    public const string OAuth2Name = "test";
    public const string OidcName = "oidc";

    private readonly string _providerName;

    public ProviderTestHost(string providerName, Action<IIntegrationsBuilder> configure, Action<IServiceCollection>? services = null)
    {
        _providerName = providerName;
        Http.Fallback.Throw(new InvalidOperationException("MockHttp: a request nobody registered was sent."));
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<IIntegrationEventHandler>(Events);
        var builder = collection.AddIntegrations();
        collection.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        configure(builder);
        builder.ConfigureBackchannel(providerName, b => b.ConfigurePrimaryHttpMessageHandler(() => Http));
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public MockHttpMessageHandler Http { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public ITokenProtector TokenProtector => Services.GetRequiredService<ITokenProtector>();

    public RecordingEventHandler Events { get; } = new();

    public ServiceProvider Services { get; }

    public IOAuthProvider Provider => Services.GetRequiredService<IOAuthProviderRegistry>().Get(_providerName);

    public IIntegrationManager Manager => Services.GetRequiredService<IIntegrationManager>();

    public IIntegrationStore Store => Services.GetRequiredService<IIntegrationStore>();

    public IPendingAuthorizationStore PendingStore => Services.GetRequiredService<IPendingAuthorizationStore>();

    public static ProviderTestHost OAuth2(Action<OAuthProviderOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        new(OAuth2Name, b => b.AddOAuth2(OAuth2Name, o =>
        {
            o.ClientId = OAuthFixtures.ClientId;
            o.ClientSecret = OAuthFixtures.ClientSecret;
            o.AuthorizationEndpoint = new Uri(OAuthFixtures.AuthorizationEndpoint);
            o.TokenEndpoint = new Uri(OAuthFixtures.TokenEndpoint);
            o.UserInfoEndpoint = new Uri(OAuthFixtures.UserInfoEndpoint);
            o.RevocationEndpoint = new Uri(OAuthFixtures.RevocationEndpoint);
            o.DefaultScopes.Add("profile");
            o.DefaultScopes.Add("email");
            configure?.Invoke(o);
        }), services);

    public static ProviderTestHost OpenIdConnect(Action<OpenIdConnectProviderOptions>? configure = null) =>
        new(OidcName, b => b.AddOpenIdConnect(OidcName, o =>
        {
            o.Authority = TestIdentityProvider.Issuer;
            o.ClientId = OAuthFixtures.ClientId;
            o.ClientSecret = OAuthFixtures.ClientSecret;
            configure?.Invoke(o);
        }));

    /// <summary>Answers the token endpoint with <paramref name="status"/> and a JSON body, recording each request body.</summary>
    public RecordedRequests RespondToToken(HttpStatusCode status, string json, string mediaType = "application/json") =>
        Record(HttpMethod.Post, OAuthFixtures.TokenEndpoint, status, json, mediaType);

    public RecordedRequests Record(HttpMethod method, string url, HttpStatusCode status, string body, string mediaType = "application/json", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var recorded = new RecordedRequests();
        Http.When(method, url).Respond(async request =>
        {
            recorded.Add(request, request.Content is null ? "" : await request.Content.ReadAsStringAsync());
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) };
            foreach (var (name, value) in headers ?? [])
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return recorded;
    }

    public void Dispose()
    {
        Services.Dispose();
        Http.Dispose();
    }
}

/// <summary>The requests a mocked endpoint received, with their bodies read while the request was alive.</summary>
internal sealed class RecordedRequests
{
    private readonly List<(HttpRequestMessage Request, string Body)> _requests = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public HttpRequestMessage Request => Single().Request;

    public string Body => Single().Body;

    public Dictionary<string, string> Form => System.Web.HttpUtility.ParseQueryString(Body) is var form
        ? form.AllKeys.ToDictionary(k => k!, k => form[k]!)
        : [];

    public void Add(HttpRequestMessage request, string body)
    {
        lock (_gate)
        {
            _requests.Add((request, body));
        }
    }

    private (HttpRequestMessage Request, string Body) Single()
    {
        lock (_gate)
        {
            return Assert.Single(_requests);
        }
    }
}
