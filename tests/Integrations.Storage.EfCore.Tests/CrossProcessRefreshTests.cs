using System.Net;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Oidc;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Two host processes (two service providers with nothing shared in memory) on one PostgreSQL
/// database, refreshing against the real oidc-provider, whose refresh tokens rotate and whose replay
/// detection revokes the whole grant when a used refresh token comes back: a second refresh of the
/// same token would not be a wasted request but a logged-out user. The SDK's own lease polling runs
/// on real time; "now" is moved by the test (<see cref="OffsetTimeProvider"/>).
/// </summary>
public sealed class CrossProcessRefreshTests(OidcServerDatabase world) : IClassFixture<OidcServerDatabase>, IAsyncLifetime
{
    // What oidc-provider logs when a used refresh token comes back (and it revokes the grant).
    private const string ReplayDetected = "refresh token already used";

    private readonly OffsetTimeProvider _clock = new();
    private readonly DirectoryInfo _keyRing = Directory.CreateTempSubdirectory("integrations-keys-");
    private readonly List<SdkProcess> _processes = [];
    private int _replaysBefore;

    private OidcProviderServer Server => world.Oidc;

    public async Task InitializeAsync()
    {
        await world.ResetAsync();
        await Server.SyncLogAsync();
        _replaysBefore = Server.CountLines(ReplayDetected);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        _keyRing.Delete(recursive: true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(50)]
    public async Task Callers_in_two_processes_cause_one_refresh_grant_per_expiry_and_the_rotated_grant_stays_alive(int callersPerProcess)
    {
        var first = Start("process-a");
        var second = Start("process-b");
        var (integration, connected, grants) = await ConnectAsync(first, $"two-processes-{callersPerProcess}");

        // Expiry 1: the process that wins the lease is held at the server's door until the other
        // process has found the lease taken, so every caller of both is waiting for that one refresh.
        ExpireAccessTokens();
        var gates = new[] { first.Probe.HoldNextRefresh(), second.Probe.HoldNextRefresh() };
        var calls = Burst(first, second, integration, callersPerProcess);
        var arrived = await Task.WhenAny(gates.Select(g => g.Arrived)).WaitAsync(SdkProcess.Patience);
        var (winner, loser) = arrived == gates[0].Arrived ? (first, second) : (second, first);
        await loser.Leases.WaitForRefusalsAsync(1).WaitAsync(SdkProcess.Patience);
        Assert.DoesNotContain(calls, c => c.IsCompleted);
        foreach (var gate in gates)
        {
            gate.Release();
        }

        var afterFirst = await Task.WhenAll(calls).WaitAsync(SdkProcess.Patience);

        Assert.Equal(grants + 1, await Server.CountGrantsAsync("refresh_token"));
        Assert.Equal((1, 0), (winner.Probe.Refreshes, loser.Probe.Refreshes));
        Assert.Equal([connected.RefreshToken!], winner.Probe.RefreshTokensSent);
        var firstToken = Assert.Single(afterFirst.Select(t => t.Value).Distinct());
        Assert.NotEqual(connected.AccessToken, firstToken);
        Assert.Equal(firstToken, (await loser.StoredTokensAsync(integration)).AccessToken);

        // Expiry 2: both processes keep working, now racing freely.
        ExpireAccessTokens();
        var afterSecond = await Task.WhenAll(Burst(first, second, integration, callersPerProcess)).WaitAsync(SdkProcess.Patience);

        var secondToken = Assert.Single(afterSecond.Select(t => t.Value).Distinct());
        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(grants + 2, await Server.CountGrantsAsync("refresh_token"));
        Assert.Equal(2, first.Probe.Refreshes + second.Probe.Refreshes);
        var sent = first.Probe.RefreshTokensSent.Concat(second.Probe.RefreshTokensSent).ToList();
        Assert.Equal(sent.Count, sent.Distinct().Count());
        await AssertGrantAliveAsync(first, integration, secondToken);
    }

    [Fact]
    public async Task Callers_wait_out_the_lease_of_a_process_that_died_holding_it_and_then_refresh_exactly_once()
    {
        // The dying process gives a refresh 2 s, so its lease lasts 2 s (never less than its refresh time limit).
        var dying = Start("process-a", o => o.RefreshLeaseDuration = TimeSpan.FromSeconds(2), p => p.TokenRefresh.RefreshTimeout = TimeSpan.FromSeconds(2));
        var survivor = Start("process-b");
        var (integration, connected, grants) = await ConnectAsync(survivor, "crashed-holder");
        ExpireAccessTokens();

        var freeze = dying.Leases.FreezeNextAcquisition();
        var dyingCall = dying.GetTokenAsync(integration);
        var held = await freeze.Acquired.WaitAsync(SdkProcess.Patience);
        freeze.Crash();
        await Assert.ThrowsAsync<IntegrationException>(() => dyingCall.WaitAsync(SdkProcess.Patience));
        await dying.DisposeAsync();
        Assert.Equal([held.Holder], await Sql.QueryTextAsync(world.ConnectionString, "SELECT holder FROM integrations.leases"));

        // The survivor's callers poll on real time until the dead holder's lease has expired.
        var gate = survivor.Probe.HoldNextRefresh();
        var calls = Enumerable.Range(0, 20).Select(_ => survivor.GetTokenAsync(integration)).ToArray();
        await gate.Arrived.WaitAsync(SdkProcess.Patience);
        Assert.True(_clock.GetUtcNow() >= held.ExpiresAt, "the refresh was sent before the dead holder's lease expired");
        Assert.True(survivor.Leases.Refusals > 0, "the survivor never found the lease taken");
        gate.Release();
        var tokens = await Task.WhenAll(calls).WaitAsync(SdkProcess.Patience);

        var token = Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.NotEqual(connected.AccessToken, token);
        Assert.Equal([connected.RefreshToken!], survivor.Probe.RefreshTokensSent);
        Assert.Equal((0, grants + 1), (dying.Probe.Refreshes, await Server.CountGrantsAsync("refresh_token")));
        await survivor.Leases.WaitForReleasesAsync(1).WaitAsync(SdkProcess.Patience);
        Assert.Empty(await Sql.QueryTextAsync(world.ConnectionString, "SELECT holder FROM integrations.leases"));
        await AssertGrantAliveAsync(survivor, integration, token);
    }

    [Fact]
    public async Task A_holder_that_wakes_after_its_lease_expired_takes_the_other_process_tokens_and_never_replays_the_old_refresh_token()
    {
        var sleeper = Start("process-a");
        var other = Start("process-b");
        var (integration, connected, grants) = await ConnectAsync(sleeper, "frozen-holder");
        ExpireAccessTokens();

        var freeze = sleeper.Leases.FreezeNextAcquisition();
        var sleeperCall = sleeper.GetTokenAsync(integration);
        var held = await freeze.Acquired.WaitAsync(SdkProcess.Patience);
        var calls = Enumerable.Range(0, 10).Select(_ => other.GetTokenAsync(integration)).ToArray();

        // While the lease is held the other process only polls (really, every 50 ms): no refresh.
        await other.Leases.WaitForRefusalsAsync(3).WaitAsync(SdkProcess.Patience);
        Assert.Equal(0, other.Probe.Refreshes);
        Assert.DoesNotContain(calls, c => c.IsCompleted);

        // The sleeper stays asleep past its lease; the other process takes over and refreshes once.
        _clock.Advance(held.ExpiresAt - _clock.GetUtcNow());
        var tokens = await Task.WhenAll(calls).WaitAsync(SdkProcess.Patience);
        var token = Assert.Single(tokens.Select(t => t.Value).Distinct());

        // The sleeper wakes believing it holds the lease; it reads the store again before refreshing.
        freeze.Resume();
        Assert.Equal(token, (await sleeperCall.WaitAsync(SdkProcess.Patience)).Value);
        Assert.Equal((0, 1), (sleeper.Probe.Refreshes, other.Probe.Refreshes));
        Assert.Equal([connected.RefreshToken!], other.Probe.RefreshTokensSent);
        Assert.Equal(grants + 1, await Server.CountGrantsAsync("refresh_token"));
        await other.Leases.WaitForReleasesAsync(1).WaitAsync(SdkProcess.Patience);
        Assert.Empty(await Sql.QueryTextAsync(world.ConnectionString, "SELECT holder FROM integrations.leases"));
        await AssertGrantAliveAsync(sleeper, integration, token);
    }

    private SdkProcess Start(string name, Action<IntegrationsOptions>? configure = null, Action<OpenIdConnectProviderOptions>? configureProvider = null)
    {
        var process = new SdkProcess(name, world.ConnectionString, Server, _clock, _keyRing, configure, configureProvider);
        _processes.Add(process);
        return process;
    }

    /// <summary>Connects an integration through <paramref name="process"/>; returns it, its tokens and the server's refresh grants so far.</summary>
    private async Task<(Integration Integration, TokenSet Connected, int RefreshGrants)> ConnectAsync(SdkProcess process, string login)
    {
        using var browser = Server.CreateBrowser();
        var integration = await process.ConnectAsync(browser, login);
        return (integration, await process.StoredTokensAsync(integration), await Server.CountGrantsAsync("refresh_token"));
    }

    /// <summary>Moves "now" past the expiry of every access token the server issued so far, for both processes.</summary>
    private void ExpireAccessTokens() => _clock.Advance(Server.AccessTokenLifetime + TimeSpan.FromSeconds(1));

    /// <summary>Starts the callers of both processes interleaved.</summary>
    private static Task<AccessToken>[] Burst(SdkProcess first, SdkProcess second, Integration integration, int callersPerProcess) =>
        [.. Enumerable.Range(0, callersPerProcess).SelectMany(_ => new[] { first.GetTokenAsync(integration), second.GetTokenAsync(integration) })];

    /// <summary>No refresh token was ever replayed: the server saw none twice, the newest is alive and so is the newest access token.</summary>
    private async Task AssertGrantAliveAsync(SdkProcess process, Integration integration, string accessToken)
    {
        var stored = await process.StoredTokensAsync(integration);
        Assert.Equal(accessToken, stored.AccessToken);
        await Server.SyncLogAsync();
        Assert.Equal(_replaysBefore, Server.CountLines(ReplayDetected));
        Assert.True(await Server.IsActiveAsync(stored.RefreshToken!), "the grant was revoked: a used refresh token reached the server");
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(accessToken)).Status);
    }
}
