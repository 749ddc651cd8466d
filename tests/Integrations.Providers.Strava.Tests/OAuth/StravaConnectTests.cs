using System.Net;
using System.Text.Json;
using System.Web;
using Integrations.Providers.Strava.Tests.Support;
using RichardSzalay.MockHttp;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.OAuth;

public sealed class StravaConnectTests
{
    private static readonly Uri RedirectUri = new("http://localhost:5000/strava/callback");

    [Fact]
    public async Task Authorization_url_sends_comma_separated_scopes_and_approval_prompt_without_pkce()
    {
        await using var host = new StravaTestHost();

        var start = await host.Manager.BeginConnectAsync(Request(["read", "activity:read_all", "activity:write"]));

        var url = start.AuthorizationUrl;
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("https://www.strava.com/oauth/authorize", url.GetLeftPart(UriPartial.Path));
        Assert.Equal("read,activity:read_all,activity:write", query["scope"]);
        Assert.Equal("auto", query["approval_prompt"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal(RedirectUri.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal(start.State, query["state"]);
        Assert.Null(query["code_challenge"]);
        Assert.Null(query["code_challenge_method"]);
    }

    [Fact]
    public async Task Default_scopes_are_read_and_activity_read_all_and_force_and_pkce_are_options()
    {
        await using var host = new StravaTestHost(o =>
        {
            o.ApprovalPrompt = StravaApprovalPrompt.Force;
            o.UsePkce = true;
        });

        var query = HttpUtility.ParseQueryString((await host.Manager.BeginConnectAsync(Request([]))).AuthorizationUrl.Query);

        Assert.Equal("read,activity:read_all", query["scope"]);
        Assert.Equal("force", query["approval_prompt"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
    }

    [Fact]
    public async Task A_request_can_force_the_consent_page_for_one_reconnect()
    {
        await using var host = new StravaTestHost();

        var start = await host.Manager.BeginConnectAsync(Request([]) with { ExtraParameters = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("approval_prompt", "force") });

        Assert.Equal("force", HttpUtility.ParseQueryString(start.AuthorizationUrl.Query)["approval_prompt"]);
    }

    [Fact]
    public async Task Connect_stores_the_athlete_as_the_account_and_only_the_scopes_the_athlete_accepted()
    {
        await using var host = new StravaTestHost();
        var token = RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-exchange.json"));
        var start = await host.Manager.BeginConnectAsync(Request(["read", "activity:read_all", "activity:write"]));

        // The athlete unticked activity:read_all and activity:write on the consent page.
        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(start, "&scope=read,activity:read"));

        var integration = result.Integration;
        Assert.True(result.IsNew);
        Assert.Equal<string>(["read", "activity:read"], integration.GrantedScopes);
        Assert.Equal("1234567890987654321", integration.Account.Id);
        Assert.Equal("MeowTheCat", integration.Account.Username);
        Assert.Equal("Meow TheCat", integration.Account.Name);
        Assert.Null(integration.Account.Email);
        Assert.Equal("https://xxxxx.cloudfront.net/pictures/athletes/123456789/123456789/2/large.jpg", integration.Account.AvatarUrl);
        Assert.Equal("San Francisco", integration.Account.RawProfile!.Value.GetProperty("city").GetString());
        Assert.Equal("Meow TheCat", integration.DisplayName);

        Assert.Equal(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = "strava-code", ["client_id"] = ClientId, ["client_secret"] = ClientSecret },
            token.Form);
        var stored = await host.StoredTokensAsync(integration);
        Assert.Equal("a4b945687g1", stored.AccessToken);
        Assert.Equal("e5n567567rt1", stored.RefreshToken);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772474400), stored.ExpiresAt);
        Assert.Equal([IntegrationEventType.Connected], host.Events.Types);
    }

    [Fact]
    public async Task Expires_at_is_preferred_but_a_clock_behind_Stravas_cannot_extend_the_token()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, """
            {"token_type":"Bearer","expires_at":1772467200,"expires_in":21600,"refresh_token":"r","access_token":"a"}
            """);

        var early = await host.Provider.ExchangeCodeAsync(Exchange());
        host.Time.Advance(TimeSpan.FromHours(2));
        var late = await host.Provider.ExchangeCodeAsync(Exchange());

        // 1772467200 is 16:00 UTC: expires_in says 18:00 at 12:00, so expires_at (earlier) wins.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772467200), early.ExpiresAt);

        // At 14:00 expires_at (16:00) is still earlier than now + 6 h: the absolute time is kept.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772467200), late.ExpiresAt);
    }

    [Fact]
    public async Task When_the_local_clock_is_ahead_expires_in_keeps_the_token_from_outliving_expires_at()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, """
            {"token_type":"Bearer","expires_at":1772476200,"expires_in":3600,"refresh_token":"r","access_token":"a"}
            """);

        var tokens = await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal(Start.AddHours(1), tokens.ExpiresAt);
    }

    [Fact]
    public async Task A_token_response_without_athlete_reads_the_athlete_endpoint_and_ignores_the_placeholder_picture()
    {
        await using var host = new StravaTestHost();
        var athlete = RecordedRequests.On(host.Http, HttpMethod.Get, Api + "athlete", HttpStatusCode.OK, Fixture.Text("athlete.json"));

        var account = await host.Provider.GetAccountAsync(new TokenSet("a4b945687g1"));

        Assert.Equal("Bearer a4b945687g1", athlete.Request.Headers.Authorization!.ToString());
        Assert.Equal("134815", account.Id);
        Assert.Equal("marianne_t", account.Username);
        Assert.Equal("Marianne Teutenberg", account.Name);
        Assert.Null(account.AvatarUrl);
    }

    [Fact]
    public async Task A_bad_code_is_an_oauth_error_and_stores_nothing()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.BadRequest, Fixture.Text("fault-authorization-code-invalid.json"));
        var start = await host.Manager.BeginConnectAsync(Request([]));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start, "&scope=read")));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Equal("AuthorizationCode/code/invalid", error.ProviderError);
        Assert.Contains("Bad Request", error.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync(Alice));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_credentials()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.BadRequest, Fixture.Text("fault-client-secret-invalid.json"));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange()));

        Assert.Equal(IntegrationErrorCode.InvalidCredentials, error.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "text/html", "<html><body>Strava is down for maintenance</body></html>")]
    [InlineData(HttpStatusCode.OK, "application/json", "{\"access_token\":\"a\",\"expires_at\":")]
    [InlineData(HttpStatusCode.OK, "application/json", "{\"access_token\":\"a\",\"expires_at\":\"tomorrow\"}")]
    [InlineData(HttpStatusCode.OK, "application/json", "{\"token_type\":\"Bearer\",\"athlete\":{\"id\":1}}")]
    [InlineData(HttpStatusCode.BadRequest, "text/html", "<html>Bad Request</html>")]
    public async Task Malformed_token_responses_are_invalid_response(HttpStatusCode status, string mediaType, string body)
    {
        await using var host = new StravaTestHost();
        host.Http.When(HttpMethod.Post, TokenEndpoint).Respond(status, mediaType, body);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange()));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task An_athlete_whose_id_is_not_a_64_bit_number_is_invalid_response()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, """
            {"token_type":"Bearer","expires_at":1772474400,"expires_in":21600,"refresh_token":"r","access_token":"a","athlete":{"id":98765432123456789012345}}
            """);

        var tokens = await host.Provider.ExchangeCodeAsync(Exchange());
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.GetAccountAsync(tokens));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task The_athlete_refusing_consent_is_access_denied()
    {
        await using var host = new StravaTestHost();
        var start = await host.Manager.BeginConnectAsync(Request([]));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(
            Alice, ConnectCallback.FromUri(new Uri($"{RedirectUri}?state={Uri.EscapeDataString(start.State)}&error=access_denied"))));

        Assert.Equal(IntegrationErrorCode.AccessDenied, error.Code);
    }

    private static BeginConnectRequest Request(string[] scopes) => new()
    {
        Owner = Alice,
        Provider = StravaDefaults.ProviderName,
        RedirectUri = RedirectUri,
        Scopes = [.. scopes],
    };

    private static ConnectCallback Callback(ConnectStart start, string extra) =>
        ConnectCallback.FromUri(new Uri($"{RedirectUri}?state={Uri.EscapeDataString(start.State)}&code=strava-code{extra}"));

    private static CodeExchangeContext Exchange() => new()
    {
        Code = "strava-code",
        CodeVerifier = "verifier",
        RedirectUri = RedirectUri,
        Callback = new ConnectCallback(),
    };
}
