using System.Net;
using Integrations.Interop.Tests.Support;
using Integrations.TestSupport.Oidc;

namespace Integrations.Interop.Tests;

/// <summary>
/// Refresh under concurrency against a server with strict rotation: a refresh token sent twice
/// revokes the whole grant there, so "exactly one refresh" is not an optimisation but the difference
/// between working and a logged-out user.
/// </summary>
public sealed class OidcRefreshConcurrencyTests(OidcServerFixture fixture) : IClassFixture<OidcServerFixture>
{
    private OidcProviderServer Server => fixture.Server;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(100)]
    public async Task Concurrent_callers_on_an_expired_token_cause_exactly_one_refresh_grant_at_the_server(int callers)
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var integration = (await host.ConnectAsync(browser, $"burst-{callers}")).Integration;
        var before = await host.StoredTokensAsync(integration);
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");
        host.ExpireAccessTokens();

        // Google-style: the one refresh is held until every caller is waiting for it.
        var tokens = await host.Probe.CallWhileRefreshIsHeldAsync(callers, () => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask(), InteropHost.Patience);

        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
        Assert.Equal([before.RefreshToken!], host.Probe.RefreshTokensSent);
        var token = Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.NotEqual(before.AccessToken, token);
        Assert.Equal(token, (await host.StoredTokensAsync(integration)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(token)).Status);
        Assert.Equal(0, Server.CountLines("refresh token already used"));
    }

    [Fact]
    public async Task Refresh_tokens_are_never_sent_twice_across_repeated_bursts_and_the_grant_stays_alive()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var integration = (await host.ConnectAsync(browser, "bursts")).Integration;
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");
        const int Rounds = 5;

        for (var round = 0; round < Rounds; round++)
        {
            host.ExpireAccessTokens();
            var calls = Enumerable.Range(0, 20).Select(_ => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask()).ToArray();
            var tokens = await Task.WhenAll(calls).WaitAsync(InteropHost.Patience);
            Assert.Single(tokens.Select(t => t.Value).Distinct());
        }

        Assert.Equal(Rounds, host.Probe.Refreshes);
        Assert.Equal(Rounds, host.Probe.RefreshTokensSent.Distinct().Count());
        Assert.Equal(refreshGrants + Rounds, await Server.CountGrantsAsync("refresh_token"));
        Assert.Equal(0, Server.CountLines("refresh token already used"));
        var latest = await host.StoredTokensAsync(integration);
        Assert.True(await Server.IsActiveAsync(latest.RefreshToken!), "the grant survived every rotation");
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(latest.AccessToken)).Status);
    }

    [Fact]
    public async Task Token_rejected_by_an_API_is_replaced_by_one_forced_refresh_for_every_caller_that_saw_it_rejected()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var integration = (await host.ConnectAsync(browser, "forced")).Integration;
        var rejected = await host.GetTokenAsync(integration);
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");

        // Several API calls got 401 with the same (not yet expired) token and ask for a new one at once.
        var tokens = await host.Probe.CallWhileRefreshIsHeldAsync(6, () => host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected).AsTask(), InteropHost.Patience);

        var replacement = Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.NotEqual(rejected.Value, replacement);
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(replacement)).Status);
        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));

        // A late caller with the same rejected token gets the replacement without another refresh.
        var late = await host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected).AsTask().WaitAsync(InteropHost.Patience);
        Assert.Equal(replacement, late.Value);
        Assert.Equal(1, host.Probe.Refreshes);
        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
    }

    [Fact]
    public async Task Access_token_revoked_at_the_server_takes_its_grant_along_and_the_forced_refresh_ends_in_ReauthorizationRequired()
    {
        // oidc-provider 9 revokes the whole grant when any of its tokens is revoked (lib/actions/revocation.js),
        // access tokens included: the refresh token dies with it, and the SDK must say so plainly.
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var integration = (await host.ConnectAsync(browser, "revoked-access")).Integration;
        var rejected = await host.GetTokenAsync(integration);
        Assert.Equal(HttpStatusCode.OK, (await Server.RevokeAsync(rejected.Value, "access_token")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.UserInfoAsync(rejected.Value)).Status);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected).AsTask().WaitAsync(InteropHost.Patience));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
        Assert.Equal(1, host.Events.Count(IntegrationEventType.ReauthorizationRequired, integration.Id));
        Assert.Equal(1, host.Probe.Refreshes);
    }

    [Fact]
    public async Task Two_processes_sharing_a_store_and_lease_refresh_once_and_both_keep_working()
    {
        const int CallersPerProcess = 10;
        var world = new InteropWorld();
        await using var first = new InteropHost(Server, world);
        await using var second = new InteropHost(Server, world);
        using var browser = Server.CreateBrowser();
        var integration = (await first.ConnectAsync(browser, "two-processes")).Integration;
        var connected = await first.StoredTokensAsync(integration);

        // Both processes have handed out the token and cached it.
        Assert.Equal(connected.AccessToken, (await first.GetTokenAsync(integration)).Value);
        Assert.Equal(connected.AccessToken, (await second.GetTokenAsync(integration)).Value);
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");
        first.ExpireAccessTokens();

        // The first process takes the lease and its refresh is held at the server's door; the
        // second process's callers find the lease taken and wait for it.
        var gate = first.Probe.HoldNextRefresh();
        var firstCalls = Enumerable.Range(0, CallersPerProcess).Select(_ => first.Tokens.GetAccessTokenAsync(integration.Key).AsTask()).ToArray();
        await gate.Arrived.WaitAsync(InteropHost.Patience);
        var secondCalls = Enumerable.Range(0, CallersPerProcess).Select(_ => second.Tokens.GetAccessTokenAsync(integration.Key).AsTask()).ToArray();
        await world.Leases.FirstRefusal.WaitAsync(InteropHost.Patience);
        gate.Release();
        var tokens = await Task.WhenAll(firstCalls.Concat(secondCalls)).WaitAsync(InteropHost.Patience);

        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
        Assert.Equal((1, 0), (first.Probe.Refreshes, second.Probe.Refreshes));
        var refreshed = Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.NotEqual(connected.AccessToken, refreshed);
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(refreshed)).Status);

        // Both keep working: the next expiry is refreshed by the second process, from the refresh
        // token the first one stored, and the first process picks the result up from the store.
        first.ExpireAccessTokens();
        var bySecond = await second.GetTokenAsync(integration);
        var byFirst = await first.GetTokenAsync(integration);

        Assert.Equal(bySecond.Value, byFirst.Value);
        Assert.NotEqual(refreshed, bySecond.Value);
        Assert.Equal((1, 1), (first.Probe.Refreshes, second.Probe.Refreshes));
        Assert.Equal(refreshGrants + 2, await Server.CountGrantsAsync("refresh_token"));
        var sent = first.Probe.RefreshTokensSent.Concat(second.Probe.RefreshTokensSent).ToList();
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.Equal(0, Server.CountLines("refresh token already used"));
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(byFirst.Value)).Status);
        Assert.True(await Server.IsActiveAsync((await first.StoredTokensAsync(integration)).RefreshToken!));
    }
}
