using System.Net;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxUserSimulatorTests
{
    private static readonly SandboxAccount Second = new()
    {
        Id = "sandbox-user-2",
        Username = "second.user",
        Name = "Second User",
        Email = "second@example.test",
        Picture = null,
    };

    [Fact]
    public async Task AuthorizeAsync_returns_a_callback_that_ConnectCallback_reads()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, state: "abc"));

        var parsed = ConnectCallback.FromUri(callback);
        Assert.Equal("abc", parsed.State);
        Assert.NotNull(parsed.Code);
        Assert.Equal(sandbox.Server.Issuer, parsed.Issuer);
        Assert.Null(parsed.Error);
    }

    [Fact]
    public async Task Signing_in_as_another_account_issues_tokens_for_that_account()
    {
        using var sandbox = new SandboxHarness(o => o.AdditionalAccounts.Add(Second));
        var (verifier, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge), Second.Id);
        using var exchange = await sandbox.ExchangeCodeAsync(Query(callback)["code"], verifier);
        var tokens = TokenResponse.From(await JsonAsync(exchange));

        Assert.True(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out var account));
        Assert.Equal(Second, account);
    }

    [Theory]
    [InlineData("sandbox-user-2")]
    [InlineData("second.user")]
    [InlineData("SECOND@example.test")]
    public async Task Login_hint_picks_the_account(string hint)
    {
        using var sandbox = new SandboxHarness(o => o.AdditionalAccounts.Add(Second));
        var (verifier, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, overrides: ("login_hint", hint)));
        using var exchange = await sandbox.ExchangeCodeAsync(Query(callback)["code"], verifier);
        var tokens = TokenResponse.From(await JsonAsync(exchange));

        Assert.True(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out var account));
        Assert.Equal(Second.Id, account.Id);
    }

    [Fact]
    public async Task Unknown_login_hint_signs_in_the_default_account()
    {
        using var sandbox = new SandboxHarness(o => o.AdditionalAccounts.Add(Second));
        var (verifier, challenge) = NewPkce();

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, overrides: ("login_hint", "nobody@example.test")));
        using var exchange = await sandbox.ExchangeCodeAsync(Query(callback)["code"], verifier);

        Assert.True(sandbox.Server.TryValidateAccessToken(TokenResponse.From(await JsonAsync(exchange)).AccessToken, out var account));
        Assert.Equal(sandbox.Server.Account, account);
    }

    [Fact]
    public async Task AuthorizeAsync_refuses_an_unknown_account()
    {
        using var sandbox = new SandboxHarness();
        var (_, challenge) = NewPkce();

        await Assert.ThrowsAsync<ArgumentException>(() => sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge), "nobody"));
        Assert.Equal(0, sandbox.Server.Requests.Total);
    }

    [Fact]
    public async Task AuthorizeAsync_refuses_a_url_of_another_server()
    {
        using var sandbox = new SandboxHarness();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sandbox.Server.AuthorizeAsync(new Uri("https://accounts.example.test/oauth2/authorize?client_id=x")));

        Assert.Contains(sandbox.Server.AuthorizationEndpoint.AbsoluteUri, error.Message);
        Assert.Equal(0, sandbox.Server.Requests.Total);
    }

    [Fact]
    public async Task AuthorizeAsync_throws_with_the_reason_when_the_server_shows_an_error_page()
    {
        using var sandbox = new SandboxHarness(o => o.RedirectUris.Add(RedirectUri));
        var (_, challenge) = NewPkce();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge, redirectUri: new Uri("https://other.example.test/cb"))));

        Assert.Contains("400", error.Message);
        Assert.Contains("invalid_redirect_uri", error.Message);
        Assert.DoesNotContain("<", error.Message);
    }

    [Fact]
    public async Task AuthorizeAsync_throws_when_a_failure_is_injected_on_the_authorization_endpoint()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.Enqueue(SandboxEndpoint.Authorization, SandboxFailure.ServerError);
        var (_, challenge) = NewPkce();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(challenge)));

        Assert.Contains("500", error.Message);
        using var next = await sandbox.Http.GetAsync(sandbox.AuthorizationUrl(challenge));
        Assert.Equal(HttpStatusCode.Found, next.StatusCode);
    }
}
