using System.Net;
using System.Net.Http.Headers;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxCodeExchangeTests
{
    [Fact]
    public async Task Code_exchange_returns_bearer_tokens_with_expiry_and_scope_and_forbids_caching()
    {
        using var sandbox = new SandboxHarness(o => o.AccessTokenLifetime = TimeSpan.FromMinutes(5));
        var (code, verifier) = await sandbox.AuthorizeAsync("openid profile offline_access");

        using var response = await sandbox.ExchangeCodeAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var tokens = TokenResponse.From(await JsonAsync(response));
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(300, tokens.ExpiresIn);
        Assert.Equal("openid profile offline_access", tokens.Scope);
        Assert.Equal(43, tokens.AccessToken.Length);
        Assert.Equal(43, tokens.RefreshToken!.Length);
        Assert.NotEqual(tokens.AccessToken, tokens.RefreshToken);
        Assert.Equal(1, sandbox.Server.Requests.CodeExchanges);
        Assert.Equal(1, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Code_is_single_use_and_a_replay_revokes_the_tokens_it_produced()
    {
        using var sandbox = new SandboxHarness();
        var (code, verifier) = await sandbox.AuthorizeAsync();
        using var first = await sandbox.ExchangeCodeAsync(code, verifier);
        var tokens = TokenResponse.From(await JsonAsync(first));

        using var replay = await sandbox.ExchangeCodeAsync(code, verifier);

        await AssertOAuthErrorAsync(replay, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out _));
        using var refresh = await sandbox.RefreshAsync(tokens.RefreshToken!);
        await AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Wrong_code_verifier_is_invalid_grant_and_leaves_the_code_usable()
    {
        using var sandbox = new SandboxHarness();
        var (code, verifier) = await sandbox.AuthorizeAsync();
        var (otherVerifier, _) = NewPkce();

        using var wrong = await sandbox.ExchangeCodeAsync(code, otherVerifier);
        using var right = await sandbox.ExchangeCodeAsync(code, verifier);

        var description = await AssertOAuthErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Contains("code_verifier", description);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("has spaces in it which are not allowed by rfc 7636 at all........")]
    public async Task Malformed_code_verifier_is_invalid_grant(string verifier)
    {
        using var sandbox = new SandboxHarness();
        var (code, _) = await sandbox.AuthorizeAsync();

        using var response = await sandbox.ExchangeCodeAsync(code, verifier);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Redirect_uri_must_equal_the_one_of_the_authorization_request()
    {
        using var sandbox = new SandboxHarness();
        var (code, verifier) = await sandbox.AuthorizeAsync();

        using var response = await sandbox.PostTokenAsync(
            [("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier), ("redirect_uri", "https://app.example.test/oauth/other")]);

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Contains("redirect_uri", description);
    }

    [Fact]
    public async Task Code_expires_after_its_lifetime()
    {
        using var sandbox = new SandboxHarness(o => o.AuthorizationCodeLifetime = TimeSpan.FromSeconds(30));
        var (code, verifier) = await sandbox.AuthorizeAsync();

        sandbox.Time.Advance(TimeSpan.FromSeconds(30));
        using var response = await sandbox.ExchangeCodeAsync(code, verifier);

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Contains("expired", description);
    }

    [Fact]
    public async Task Code_is_accepted_just_before_it_expires()
    {
        using var sandbox = new SandboxHarness(o => o.AuthorizationCodeLifetime = TimeSpan.FromSeconds(30));
        var (code, verifier) = await sandbox.AuthorizeAsync();

        sandbox.Time.Advance(TimeSpan.FromSeconds(29));
        using var response = await sandbox.ExchangeCodeAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_code_is_invalid_grant()
    {
        using var sandbox = new SandboxHarness();
        var (verifier, _) = NewPkce();

        using var response = await sandbox.ExchangeCodeAsync("not-a-code", verifier);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData("code", "invalid_request")]
    [InlineData("redirect_uri", "invalid_request")]
    [InlineData("code_verifier", "invalid_grant")]
    public async Task Missing_code_exchange_parameter_is_refused(string missing, string error)
    {
        using var sandbox = new SandboxHarness();
        var (code, verifier) = await sandbox.AuthorizeAsync();
        (string Name, string Value)[] form =
            [("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier), ("redirect_uri", RedirectUri.AbsoluteUri)];

        using var response = await sandbox.PostTokenAsync(form.Where(f => f.Name != missing));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, error);
    }

    [Fact]
    public async Task Refresh_tokens_are_left_out_when_the_sandbox_issues_none()
    {
        using var sandbox = new SandboxHarness(o => o.IssueRefreshTokens = false);

        var tokens = await sandbox.ConnectAsync();

        Assert.Null(tokens.RefreshToken);
    }
}
