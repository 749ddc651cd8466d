using System.Net;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxAuthorizationEndpointTests
{
    [Fact]
    public async Task Authorization_redirects_to_the_callback_with_code_state_granted_scope_and_issuer()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();

        using var response = await sandbox.Http.GetAsync(sandbox.AuthorizationUrl(challenge, "openid email", state: "s-123"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(RedirectUri.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = Query(location);
        Assert.Equal(43, query["code"].Length);
        Assert.Equal("s-123", query["state"]);
        Assert.Equal("openid email", query["scope"]);
        Assert.Equal("https://sandbox.integrations.invalid", query["iss"]);
        Assert.Equal(1, sandbox.Server.Requests[SandboxEndpoint.Authorization]);
    }

    [Fact]
    public async Task Authorization_codes_are_random()
    {
        using var sandbox = new SandboxHarness();
        var first = await sandbox.AuthorizeAsync();
        var second = await sandbox.AuthorizeAsync();

        Assert.NotEqual(first.Code, second.Code);
    }

    [Fact]
    public async Task Redirect_uri_query_is_kept_and_the_callback_parameters_are_appended()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();
        var redirect = new Uri("https://app.example.test/cb?tenant=acme");

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, redirectUri: redirect));

        var query = Query(callback);
        Assert.Equal("acme", query["tenant"]);
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Unknown_client_gets_an_html_error_page_and_no_redirect()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();

        using var response = await sandbox.Http.GetAsync(sandbox.AuthorizationUrl(challenge, overrides: ("client_id", "someone-else")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://app.example.test/oauth/callback/")]
    [InlineData("https://app.example.test:8443/oauth/callback")]
    [InlineData("http://app.example.test/oauth/callback")]
    [InlineData("https://evil.example.test/oauth/callback")]
    public async Task Unregistered_redirect_uri_gets_an_html_error_page_and_no_redirect(string redirect)
    {
        using var sandbox = new SandboxHarness(o => o.RedirectUris.Add(RedirectUri));
        var (_, challenge) = NewPkce();

        using var response = await sandbox.Http.GetAsync(sandbox.AuthorizationUrl(challenge, redirectUri: new Uri(redirect)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_redirect_uri", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Registered_redirect_uri_is_accepted()
    {
        using var sandbox = new SandboxHarness(o => o.RedirectUris.Add(RedirectUri));
        var (_, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge));

        Assert.True(Query(callback).ContainsKey("code"));
    }

    [Fact]
    public async Task Missing_redirect_uri_gets_an_html_error_page()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();

        using var response = await sandbox.Http.GetAsync(sandbox.AuthorizationUrl(challenge, overrides: ("redirect_uri", null)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("redirect_uri is required", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Repeated_parameter_gets_an_html_error_page()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();
        var url = new Uri(sandbox.AuthorizationUrl(challenge) + "&state=second");

        using var response = await sandbox.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("state", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string?, string> RedirectedErrors => new()
    {
        { "code_challenge", null, "invalid_request" },
        { "code_challenge_method", null, "invalid_request" },
        { "code_challenge_method", "plain", "invalid_request" },
        { "code_challenge", "too-short", "invalid_request" },
        { "response_type", null, "invalid_request" },
        { "response_type", "token", "unsupported_response_type" },
        { "response_mode", "fragment", "invalid_request" },
        { "scope", null, "invalid_scope" },
        { "scope", "openid admin", "invalid_scope" },
    };

    [Theory]
    [MemberData(nameof(RedirectedErrors))]
    public async Task Invalid_requests_redirect_back_with_the_error_the_state_and_the_issuer(string parameter, string? value, string error)
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, state: "s-9", overrides: (parameter, value)));

        var query = Query(callback);
        Assert.Equal(error, query["error"]);
        Assert.False(string.IsNullOrEmpty(query["error_description"]));
        Assert.Equal("s-9", query["state"]);
        Assert.Equal(sandbox.Server.Issuer, query["iss"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Denied_consent_redirects_with_access_denied()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Consent = SandboxConsent.Deny;
        var (_, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, state: "s-2"));

        var parsed = ConnectCallback.FromUri(callback);
        Assert.Equal("access_denied", parsed.Error);
        Assert.Equal("s-2", parsed.State);
        Assert.Null(parsed.Code);
    }

    [Fact]
    public async Task Withheld_scopes_are_not_granted_nor_carried_by_the_tokens()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Consent = SandboxConsent.ApproveExcept(SandboxDefaults.MessagesReadScope);
        var (verifier, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge));
        using var exchange = await sandbox.ExchangeCodeAsync(Query(callback)["code"], verifier);
        var tokens = TokenResponse.From(await JsonAsync(exchange));
        using var api = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);

        Assert.Equal("openid profile email offline_access", Query(callback)["scope"]);
        Assert.Equal("openid profile email offline_access", tokens.Scope);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task Authorization_endpoint_accepts_only_get()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.Http.PostAsync(sandbox.Server.AuthorizationEndpoint, new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }
}
