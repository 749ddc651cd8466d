using System.Net;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxProtectedResourceTests
{
    private static readonly SandboxAccount Custom = new()
    {
        Id = "acct-42",
        Username = "ada",
        Name = "Ada Lovelace",
        Email = "ada@example.test",
        Picture = new Uri("https://img.example.test/ada.png"),
    };

    [Fact]
    public async Task Userinfo_returns_the_configured_account_as_oidc_claims()
    {
        using var sandbox = new SandboxHarness(o => o.Account = Custom);
        var tokens = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("acct-42", json.GetProperty("sub").GetString());
        Assert.Equal("ada", json.GetProperty("preferred_username").GetString());
        Assert.Equal("Ada Lovelace", json.GetProperty("name").GetString());
        Assert.Equal("ada@example.test", json.GetProperty("email").GetString());
        Assert.True(json.GetProperty("email_verified").GetBoolean());
        Assert.Equal("https://img.example.test/ada.png", json.GetProperty("picture").GetString());
        Assert.Equal(1, sandbox.Server.Requests[SandboxEndpoint.UserInfo]);
    }

    [Fact]
    public async Task Userinfo_claims_follow_the_granted_scopes()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync("openid email");

        using var response = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        var json = await JsonAsync(response);
        Assert.Equal(sandbox.Server.Account.Id, json.GetProperty("sub").GetString());
        Assert.Equal(sandbox.Server.Account.Email, json.GetProperty("email").GetString());
        Assert.False(json.TryGetProperty("name", out _));
        Assert.False(json.TryGetProperty("preferred_username", out _));
    }

    [Fact]
    public async Task Userinfo_without_openid_scope_is_403_insufficient_scope()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync("profile messages.read");

        using var response = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("scope=\"openid\"", Challenge(response));
    }

    [Fact]
    public async Task Userinfo_accepts_post()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.UserInfoEndpoint)
        {
            Headers = { Authorization = new("Bearer", tokens.AccessToken) },
        };

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sandbox.Server.Account.Id, (await JsonAsync(response)).GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Expired_access_token_is_401_invalid_token_with_a_bearer_challenge()
    {
        using var sandbox = new SandboxHarness(o => o.AccessTokenLifetime = TimeSpan.FromSeconds(60));
        var tokens = await sandbox.ConnectAsync();
        sandbox.Time.Advance(TimeSpan.FromSeconds(59));
        using var stillValid = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        await AssertOAuthErrorAsync(expired, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(
            "Bearer realm=\"https://sandbox.integrations.invalid\", error=\"invalid_token\", error_description=\"invalid token provided\"",
            Challenge(expired));
    }

    [Fact]
    public async Task Revoked_access_token_is_401_invalid_token()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        using var revoke = await sandbox.PostFormAsync(sandbox.Server.RevocationEndpoint, [("token", tokens.AccessToken)]);

        using var response = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("unknown-token")]
    public async Task Missing_or_unknown_token_is_401_invalid_token(string? token)
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, token);

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(token is null ? "no access token provided" : "invalid token provided", description);
        Assert.StartsWith("Bearer realm=", Challenge(response));
    }

    [Fact]
    public async Task A_refresh_token_is_not_an_access_token()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.RefreshToken);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Demo_api_lists_the_messages_newest_first()
    {
        var older = new SandboxMessage { Id = "a", From = "x@example.test", Subject = "Older", ReceivedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        var newer = new SandboxMessage { Id = "b", From = "y@example.test", Subject = "Newer", ReceivedAt = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero) };
        using var sandbox = new SandboxHarness(o =>
        {
            o.Messages.Add(older);
            o.Messages.Add(newer);
        });
        var tokens = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(sandbox.Server.Account.Id, json.GetProperty("account").GetString());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["b", "a"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("Newer", items[0].GetProperty("subject").GetString());
        Assert.Equal("y@example.test", items[0].GetProperty("from").GetString());
        Assert.Equal(newer.ReceivedAt, items[0].GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal(1, sandbox.Server.Requests[SandboxEndpoint.Api]);
    }

    [Fact]
    public async Task Demo_api_serves_built_in_messages_by_default()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);

        Assert.Equal(3, (await JsonAsync(response)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Demo_api_requires_a_valid_bearer_token()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, "nope");

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Demo_api_accepts_only_get()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Delete, sandbox.Server.MessagesEndpoint) { Headers = { Authorization = new("Bearer", tokens.AccessToken) } };

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task ExpireAccessTokens_ends_live_access_tokens_but_not_refresh_tokens()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        Assert.Equal(1, sandbox.Server.ExpireAccessTokens());

        using var api = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);
        await AssertOAuthErrorAsync(api, HttpStatusCode.Unauthorized, "invalid_token");
        var refreshed = await sandbox.RefreshOkAsync(tokens.RefreshToken!);
        using var again = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task TryAuthenticate_lets_other_sandbox_resources_check_bearer_tokens()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync("openid");
        using var valid = new HttpRequestMessage(HttpMethod.Get, sandbox.Server.BaseUri) { Headers = { Authorization = new("Bearer", tokens.AccessToken) } };
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, sandbox.Server.BaseUri);

        Assert.True(sandbox.Server.TryAuthenticate(valid, "openid", out var account, out var none));
        Assert.Equal(sandbox.Server.Account, account);
        Assert.Null(none);
        Assert.False(sandbox.Server.TryAuthenticate(valid, "email", out _, out var forbidden));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.False(sandbox.Server.TryAuthenticate(anonymous, null, out _, out var unauthorized));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        forbidden.Dispose();
        unauthorized.Dispose();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    public void TryValidateAccessToken_rejects_missing_and_unknown_tokens(string? token)
    {
        var server = new SandboxAuthorizationServer();

        Assert.False(server.TryValidateAccessToken(token, out var account));
        Assert.Null(account);
    }

    private static string Challenge(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
}
