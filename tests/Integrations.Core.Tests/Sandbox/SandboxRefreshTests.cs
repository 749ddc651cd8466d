using System.Net;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxRefreshTests
{
    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_issues_a_new_access_token()
    {
        using var sandbox = new SandboxHarness(o => o.AccessTokenLifetime = TimeSpan.FromSeconds(60));
        var connected = await sandbox.ConnectAsync();

        var refreshed = await sandbox.RefreshOkAsync(connected.RefreshToken!);

        Assert.NotEqual(connected.AccessToken, refreshed.AccessToken);
        Assert.NotNull(refreshed.RefreshToken);
        Assert.NotEqual(connected.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(60, refreshed.ExpiresIn);
        Assert.Equal(AllScopes, refreshed.Scope);
        Assert.Equal(1, sandbox.Server.Requests.Refreshes);
        Assert.Equal(1, sandbox.Server.Requests.CodeExchanges);
        Assert.Equal(2, sandbox.Server.Requests[SandboxEndpoint.Token]);
    }

    [Fact]
    public async Task The_rotated_refresh_token_keeps_working_for_a_chain_of_refreshes()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        for (var i = 0; i < 5; i++)
        {
            tokens = await sandbox.RefreshOkAsync(tokens.RefreshToken!);
        }

        Assert.True(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out _));
        Assert.Equal(1, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Replaying_a_consumed_refresh_token_is_invalid_grant_and_revokes_the_whole_grant()
    {
        using var sandbox = new SandboxHarness();
        var connected = await sandbox.ConnectAsync();
        var refreshed = await sandbox.RefreshOkAsync(connected.RefreshToken!);

        using var replay = await sandbox.RefreshAsync(connected.RefreshToken!);

        var description = await AssertOAuthErrorAsync(replay, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Contains("already used", description);
        using var newest = await sandbox.RefreshAsync(refreshed.RefreshToken!);
        await AssertOAuthErrorAsync(newest, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False(sandbox.Server.TryValidateAccessToken(refreshed.AccessToken, out _));
        Assert.False(sandbox.Server.TryValidateAccessToken(connected.AccessToken, out _));
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Replay_detection_leaves_other_grants_alone()
    {
        using var sandbox = new SandboxHarness();
        var victim = await sandbox.ConnectAsync();
        var bystander = await sandbox.ConnectAsync();
        await sandbox.RefreshOkAsync(victim.RefreshToken!);

        using var replay = await sandbox.RefreshAsync(victim.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.True(sandbox.Server.TryValidateAccessToken(bystander.AccessToken, out _));
        await sandbox.RefreshOkAsync(bystander.RefreshToken!);
    }

    [Fact]
    public async Task Without_rotation_the_refresh_response_has_no_refresh_token_and_the_first_one_stays_valid()
    {
        using var sandbox = new SandboxHarness(o => o.RotateRefreshTokens = false);
        var connected = await sandbox.ConnectAsync();

        var first = await sandbox.RefreshOkAsync(connected.RefreshToken!);
        var second = await sandbox.RefreshOkAsync(connected.RefreshToken!);

        Assert.Null(first.RefreshToken);
        Assert.Null(second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.True(sandbox.Server.TryValidateAccessToken(first.AccessToken, out _));
    }

    [Fact]
    public async Task Refresh_keeps_earlier_access_tokens_valid_until_they_expire()
    {
        using var sandbox = new SandboxHarness(o => o.AccessTokenLifetime = TimeSpan.FromMinutes(10));
        var connected = await sandbox.ConnectAsync();
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));

        var refreshed = await sandbox.RefreshOkAsync(connected.RefreshToken!);

        Assert.True(sandbox.Server.TryValidateAccessToken(connected.AccessToken, out _));
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(sandbox.Server.TryValidateAccessToken(connected.AccessToken, out _));
        Assert.True(sandbox.Server.TryValidateAccessToken(refreshed.AccessToken, out _));
    }

    [Fact]
    public async Task Refresh_token_expires_after_its_lifetime()
    {
        using var sandbox = new SandboxHarness(o => o.RefreshTokenLifetime = TimeSpan.FromHours(1));
        var connected = await sandbox.ConnectAsync();

        sandbox.Time.Advance(TimeSpan.FromHours(1));
        using var response = await sandbox.RefreshAsync(connected.RefreshToken!);

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Contains("expired", description);
    }

    [Fact]
    public async Task Refresh_token_without_lifetime_never_expires()
    {
        using var sandbox = new SandboxHarness(o => o.RefreshTokenLifetime = null);
        var connected = await sandbox.ConnectAsync();

        sandbox.Time.Advance(TimeSpan.FromDays(3650));

        await sandbox.RefreshOkAsync(connected.RefreshToken!);
    }

    [Fact]
    public async Task Refresh_may_narrow_the_scope_of_the_new_access_token()
    {
        using var sandbox = new SandboxHarness();
        var connected = await sandbox.ConnectAsync();

        using var response = await sandbox.PostTokenAsync([("grant_type", "refresh_token"), ("refresh_token", connected.RefreshToken!), ("scope", "openid")]);
        var narrowed = TokenResponse.From(await JsonAsync(response));
        using var api = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, narrowed.AccessToken);

        Assert.Equal("openid", narrowed.Scope);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        var wide = await sandbox.RefreshOkAsync(narrowed.RefreshToken!);
        Assert.Equal(AllScopes, wide.Scope);
    }

    [Fact]
    public async Task Refresh_cannot_widen_the_scope()
    {
        using var sandbox = new SandboxHarness();
        var connected = await sandbox.ConnectAsync("openid");

        using var response = await sandbox.PostTokenAsync([("grant_type", "refresh_token"), ("refresh_token", connected.RefreshToken!), ("scope", "openid email")]);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope");
        await sandbox.RefreshOkAsync(connected.RefreshToken!);
    }

    [Fact]
    public async Task Unknown_refresh_token_is_invalid_grant()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.RefreshAsync("never-issued");

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task An_access_token_is_not_a_refresh_token()
    {
        using var sandbox = new SandboxHarness();
        var connected = await sandbox.ConnectAsync();

        using var response = await sandbox.RefreshAsync(connected.AccessToken);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Revoking_every_grant_makes_the_next_refresh_invalid_grant()
    {
        using var sandbox = new SandboxHarness();
        var first = await sandbox.ConnectAsync();
        var second = await sandbox.ConnectAsync();

        var revoked = sandbox.Server.RevokeAllGrants();

        Assert.Equal(2, revoked);
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
        using var response = await sandbox.RefreshAsync(second.RefreshToken!);
        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False(sandbox.Server.TryValidateAccessToken(first.AccessToken, out _));
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_succeed_exactly_once()
    {
        using var sandbox = new SandboxHarness();
        var connected = await sandbox.ConnectAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sandbox.RefreshAsync(connected.RefreshToken!)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
