using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Integrations.Core.Tests.Providers.Support;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Providers;

public sealed class OpenIdConnectProviderTests : IDisposable
{
    private const string TokenEndpoint = TestIdentityProvider.Issuer + "/token";
    private const string Nonce = "n-0S6_WzA2Mj";

    private readonly TestIdentityProvider _idp = new();
    private readonly ProviderTestHost _host = ProviderTestHost.OpenIdConnect();

    public void Dispose()
    {
        _host.Dispose();
        _idp.Dispose();
    }

    private RecordedRequests ServeDiscovery(string? document = null) =>
        _host.Record(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl, HttpStatusCode.OK, document ?? TestIdentityProvider.Discovery());

    private RecordedRequests ServeKeys() => _host.Record(HttpMethod.Get, TestIdentityProvider.JwksUrl, HttpStatusCode.OK, _idp.Jwks);

    private static CodeExchangeContext Exchange(string? iss = TestIdentityProvider.Issuer, string? nonce = Nonce) => new()
    {
        Code = "c0de",
        CodeVerifier = "v",
        RedirectUri = new Uri(OAuthFixtures.RedirectUri),
        Nonce = nonce,
        Callback = new ConnectCallback { Code = "c0de", State = "s", Issuer = iss },
    };

    private static AuthorizationUrlContext UrlContext(params string[] scopes) => new()
    {
        State = "s",
        CodeChallenge = "c",
        Nonce = Nonce,
        Scopes = [.. scopes],
        RedirectUri = new Uri(OAuthFixtures.RedirectUri),
    };

    [Fact]
    public async Task Discovery_fills_the_endpoints_and_the_url_asks_for_openid_with_a_nonce()
    {
        var discovery = ServeDiscovery();

        var url = await _host.Provider.CreateAuthorizationUrlAsync(UrlContext("offline_access"));
        await _host.Provider.CreateAuthorizationUrlAsync(UrlContext("offline_access"));

        Assert.Equal(TestIdentityProvider.Issuer + "/auth", url.GetLeftPart(UriPartial.Path));
        var query = TestIdentityProvider.Query(url);
        Assert.Equal("openid offline_access", query["scope"]);
        Assert.Equal(Nonce, query["nonce"]);
        Assert.Equal(1, discovery.Count);
        Assert.Equal(["openid", "profile", "email"], _host.Provider.DefaultScopes);
    }

    [Fact]
    public async Task Endpoints_set_in_the_options_win_over_the_discovery_document()
    {
        using var host = ProviderTestHost.OpenIdConnect(o => o.TokenEndpoint = new Uri("https://gateway.example.test/token"));
        host.Record(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl, HttpStatusCode.OK, TestIdentityProvider.Discovery());
        host.Record(HttpMethod.Get, TestIdentityProvider.JwksUrl, HttpStatusCode.OK, _idp.Jwks);
        var token = host.Record(HttpMethod.Post, "https://gateway.example.test/token", HttpStatusCode.OK,
            OAuthFixtures.TokenResponse(_idp.IdToken(host.Time.GetUtcNow(), Nonce)));

        await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal(1, token.Count);
    }

    [Theory]
    [InlineData("http://localhost:4455")]
    [InlineData("http://127.0.0.1:4455/")]
    [InlineData("https://127.0.0.1:4455")]
    public async Task A_discovery_document_of_another_issuer_is_rejected(string issuer)
    {
        ServeDiscovery(TestIdentityProvider.Discovery(issuer: issuer));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.CreateAuthorizationUrlAsync(UrlContext()).AsTask());

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Contains("issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_discovery_endpoint_without_https_on_a_remote_host_is_rejected()
    {
        ServeDiscovery(TestIdentityProvider.Discovery().Replace($"\"token_endpoint\":\"{TestIdentityProvider.Issuer}/token\"", "\"token_endpoint\":\"http://tokens.example.test/token\"", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.CreateAuthorizationUrlAsync(UrlContext()).AsTask());

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Contains("token_endpoint does not use https", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(11)]
    public async Task Concurrent_first_callers_share_one_discovery_request(int callers)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = 0;
        _host.Http.When(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl).Respond(async _ =>
        {
            Interlocked.Increment(ref requests);
            await gate.Task;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TestIdentityProvider.Discovery()) };
        });

        var urls = Enumerable.Range(0, callers).Select(_ => _host.Provider.CreateAuthorizationUrlAsync(UrlContext()).AsTask()).ToList();
        gate.SetResult();
        await Task.WhenAll(urls);

        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task A_failed_discovery_is_tried_again_by_the_next_caller()
    {
        var attempts = 0;
        _host.Http.When(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl).Respond(_ => ++attempts == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TestIdentityProvider.Discovery()) });

        var first = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.CreateAuthorizationUrlAsync(UrlContext()).AsTask());
        var url = await _host.Provider.CreateAuthorizationUrlAsync(UrlContext());

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, first.Code);
        Assert.StartsWith(TestIdentityProvider.Issuer + "/auth?", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Discovery_is_read_again_after_the_refresh_interval_and_the_old_one_serves_while_the_provider_is_down()
    {
        var attempts = 0;
        _host.Http.When(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl).Respond(_ => ++attempts == 2
            ? new HttpResponseMessage(HttpStatusCode.BadGateway)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TestIdentityProvider.Discovery()) });

        await _host.Provider.CreateAuthorizationUrlAsync(UrlContext());
        _host.Time.Advance(TimeSpan.FromHours(23));
        await _host.Provider.CreateAuthorizationUrlAsync(UrlContext());
        Assert.Equal(1, attempts);

        _host.Time.Advance(TimeSpan.FromHours(2));
        var whileDown = await _host.Provider.CreateAuthorizationUrlAsync(UrlContext());
        await _host.Provider.CreateAuthorizationUrlAsync(UrlContext());

        Assert.StartsWith(TestIdentityProvider.Issuer + "/auth?", whileDown.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_valid_id_token_signed_with_the_published_key_completes_the_exchange()
    {
        ServeDiscovery();
        ServeKeys();
        var idToken = _idp.IdToken(_host.Time.GetUtcNow(), Nonce);
        var token = _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, OAuthFixtures.TokenResponse(idToken));

        var tokens = await _host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal(idToken, tokens.IdToken);
        Assert.Equal("Basic", token.Request.Headers.Authorization!.Scheme);
    }

    public static TheoryData<string, Func<TestIdentityProvider, DateTimeOffset, string>> BadIdTokens => new()
    {
        { "signature", (idp, now) => idp.IdToken(now, Nonce, signWith: TestIdentityProvider.OtherKey) },
        { "signature", (idp, now) => Tampered(idp.IdToken(now, Nonce), idp.IdToken(now, Nonce, c => c["sub"] = "mallory")) },
        { "nonce", (idp, now) => idp.IdToken(now, "another-nonce") },
        { "nonce", (idp, now) => idp.IdToken(now, null) },
        { "audience", (idp, now) => idp.IdToken(now, Nonce, audience: "another-client") },
        { "audience", (idp, now) => idp.IdToken(now, Nonce, c => c["aud"] = new JsonArray("another-client", "third")) },
        { "expired", (idp, now) => idp.IdToken(now, Nonce, c => c["exp"] = now.AddMinutes(-3).ToUnixTimeSeconds()) },
        { "expiry", (idp, now) => idp.IdToken(now, Nonce, c => c.Remove("exp")) },
        { "issuer", (idp, now) => idp.IdToken(now, Nonce, c => c["iss"] = "http://localhost:4455") },
        { "subject", (idp, now) => idp.IdToken(now, Nonce, c => c.Remove("sub")) },
        { "algorithm", (idp, now) => idp.IdToken(now, Nonce, algorithm: "none") },
        { "algorithm", (idp, now) => idp.IdToken(now, Nonce, algorithm: "HS256") },
        { "not a signed JWT", (_, _) => "not-a-jwt" },
    };

    private static string Tampered(string signed, string other) =>
        other[..other.LastIndexOf('.')] + signed[signed.LastIndexOf('.')..];

    [Theory]
    [MemberData(nameof(BadIdTokens))]
    public async Task A_bad_id_token_fails_the_exchange_with_an_oauth_error(string reason, Func<TestIdentityProvider, DateTimeOffset, string> idToken)
    {
        ServeDiscovery();
        ServeKeys();
        var token = idToken(_idp, _host.Time.GetUtcNow());
        _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, OAuthFixtures.TokenResponse(token));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.ExchangeCodeAsync(Exchange()));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OAuthFixtures.AccessToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_token_within_the_clock_skew_of_its_expiry_is_accepted()
    {
        ServeDiscovery();
        ServeKeys();
        var now = _host.Time.GetUtcNow();
        _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK,
            OAuthFixtures.TokenResponse(_idp.IdToken(now, Nonce, c => c["exp"] = now.AddSeconds(-60).ToUnixTimeSeconds())));

        var tokens = await _host.Provider.ExchangeCodeAsync(Exchange());

        Assert.NotNull(tokens.IdToken);
    }

    [Fact]
    public async Task A_token_response_without_id_token_is_rejected()
    {
        ServeDiscovery();
        _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, OAuthFixtures.TokenResponseWithoutRefreshToken);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.ExchangeCodeAsync(Exchange()));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Contains("no id_token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_signing_key_is_fetched_once_when_an_id_token_names_it()
    {
        ServeDiscovery();
        var rotated = TestIdentityProvider.OtherKey;
        var jwksRequests = 0;
        _host.Http.When(HttpMethod.Get, TestIdentityProvider.JwksUrl).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(++jwksRequests == 1 ? _idp.Jwks : TestIdentityProvider.Jwk(rotated, "rotated")),
        });
        var now = _host.Time.GetUtcNow();
        var tokenResponses = new Queue<string>([
            OAuthFixtures.TokenResponse(_idp.IdToken(now, Nonce)),
            OAuthFixtures.TokenResponse(_idp.IdToken(now, Nonce, signWith: rotated, keyId: "rotated")),
            OAuthFixtures.TokenResponse(_idp.IdToken(now, Nonce, signWith: rotated, keyId: "rotated")),
        ]);
        _host.Http.When(HttpMethod.Post, TokenEndpoint).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(tokenResponses.Dequeue()) });

        await _host.Provider.ExchangeCodeAsync(Exchange());
        await _host.Provider.ExchangeCodeAsync(Exchange());
        await _host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal(2, jwksRequests);
    }

    [Fact]
    public async Task An_unknown_key_causes_exactly_one_refetch_and_then_fails()
    {
        ServeDiscovery();
        var keys = ServeKeys();
        var stranger = TestIdentityProvider.OtherKey;
        _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK,
            OAuthFixtures.TokenResponse(_idp.IdToken(_host.Time.GetUtcNow(), Nonce, signWith: stranger, keyId: "unknown")));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.ExchangeCodeAsync(Exchange()));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Equal(2, keys.Count);
    }

    [Theory]
    [InlineData("http://localhost:4455")]
    [InlineData("https://attacker.example.test")]
    [InlineData(null)]
    public async Task A_callback_from_another_issuer_is_rejected_before_the_code_is_sent(string? iss)
    {
        ServeDiscovery();
        var token = _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, OAuthFixtures.TokenResponse());

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.Provider.ExchangeCodeAsync(Exchange(iss: iss)));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Contains("RFC 9207", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, token.Count);
    }

    [Fact]
    public async Task A_callback_without_iss_is_accepted_when_the_provider_does_not_announce_it()
    {
        ServeDiscovery(TestIdentityProvider.Discovery(issParameter: false));
        ServeKeys();
        _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, OAuthFixtures.TokenResponse(_idp.IdToken(_host.Time.GetUtcNow(), Nonce)));

        var tokens = await _host.Provider.ExchangeCodeAsync(Exchange(iss: null));

        Assert.Equal(OAuthFixtures.AccessToken, tokens.AccessToken);
    }

    [Fact]
    public async Task The_profile_comes_from_userinfo_and_its_subject_must_match_the_id_token()
    {
        ServeDiscovery();
        var userInfo = _host.Record(HttpMethod.Get, TestIdentityProvider.Issuer + "/me", HttpStatusCode.OK, OAuthFixtures.UserInfo);
        var now = _host.Time.GetUtcNow();

        var account = await _host.Provider.GetAccountAsync(new TokenSet(OAuthFixtures.AccessToken) { IdToken = _idp.IdToken(now, Nonce) });
        var error = await Assert.ThrowsAsync<IntegrationException>(() =>
            _host.Provider.GetAccountAsync(new TokenSet(OAuthFixtures.AccessToken) { IdToken = _idp.IdToken(now, Nonce, c => c["sub"] = "mallory") }));

        Assert.Equal("Test User alice", account.Name);
        Assert.Equal("alice@example.test", account.Email);
        Assert.Equal(2, userInfo.Count);
        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
    }

    [Fact]
    public async Task A_refresh_keeps_the_new_tokens_and_drops_an_id_token_that_fails_validation()
    {
        ServeDiscovery();
        ServeKeys();
        _host.Record(HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK,
            OAuthFixtures.TokenResponse(_idp.IdToken(_host.Time.GetUtcNow(), Nonce, audience: "another-client")));
        var integration = new Integration
        {
            Id = Guid.NewGuid(),
            UserId = "u",
            Provider = ProviderTestHost.OidcName,
            DisplayName = "alice",
            Account = new ExternalAccount("alice"),
            CreatedAt = default,
            UpdatedAt = default,
        };

        var tokens = await _host.Provider.RefreshAsync(new TokenRefreshContext(integration, new TokenSet("old") { RefreshToken = "old-refresh" }));

        Assert.Equal(OAuthFixtures.AccessToken, tokens.AccessToken);
        Assert.Equal(OAuthFixtures.RefreshToken, tokens.RefreshToken);
        Assert.Null(tokens.IdToken);
    }

    [Fact]
    public async Task Revocation_support_follows_the_discovery_document()
    {
        ServeDiscovery(TestIdentityProvider.Discovery(revocation: false));

        Assert.True(_host.Provider.SupportsRevocation);
        await _host.Provider.RevokeAsync(new TokenSet(OAuthFixtures.AccessToken));

        Assert.False(_host.Provider.SupportsRevocation);
    }
}
