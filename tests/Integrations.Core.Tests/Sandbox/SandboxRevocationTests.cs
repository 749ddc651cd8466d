using System.Net;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxRevocationTests
{
    private static Task<HttpResponseMessage> RevokeAsync(SandboxHarness sandbox, string token, string? hint = null) =>
        sandbox.PostFormAsync(sandbox.Server.RevocationEndpoint, hint is null ? [("token", token)] : [("token", token), ("token_type_hint", hint)]);

    [Fact]
    public async Task Revoking_a_refresh_token_kills_its_grant()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await RevokeAsync(sandbox, tokens.RefreshToken!, "refresh_token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.False(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out _));
        using var refresh = await sandbox.RefreshAsync(tokens.RefreshToken!);
        await AssertOAuthErrorAsync(refresh, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
        Assert.Equal(1, sandbox.Server.Requests[SandboxEndpoint.Revocation]);
    }

    [Fact]
    public async Task Revoking_an_access_token_kills_only_that_token()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await RevokeAsync(sandbox, tokens.AccessToken, "access_token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out _));
        var refreshed = await sandbox.RefreshOkAsync(tokens.RefreshToken!);
        Assert.True(sandbox.Server.TryValidateAccessToken(refreshed.AccessToken, out _));
    }

    [Fact]
    public async Task A_wrong_token_type_hint_does_not_stop_the_revocation()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await RevokeAsync(sandbox, tokens.RefreshToken!, "access_token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
    }

    [Theory]
    [InlineData("never-issued")]
    [InlineData("")]
    public async Task Unknown_or_already_revoked_tokens_get_200(string extra)
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        using var first = await RevokeAsync(sandbox, tokens.RefreshToken!);

        using var again = await RevokeAsync(sandbox, tokens.RefreshToken! + extra);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Revocation_requires_client_authentication()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await sandbox.Http.PostAsync(sandbox.Server.RevocationEndpoint, new FormUrlEncodedContent([new("token", tokens.RefreshToken!)]));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Equal(1, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Revocation_without_a_token_is_invalid_request()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.PostFormAsync(sandbox.Server.RevocationEndpoint, [("token_type_hint", "refresh_token")]);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }
}
