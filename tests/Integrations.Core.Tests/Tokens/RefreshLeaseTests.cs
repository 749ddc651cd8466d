using Integrations.Internal;

namespace Integrations.Core.Tests.Tokens;

/// <summary>The cross-process refresh lease: wait for the holder, re-read after acquiring, release.</summary>
public sealed class RefreshLeaseTests
{
    private static readonly TimeSpan PollInterval = new IntegrationsOptions().RefreshLeasePollInterval;

    [Fact]
    public async Task Lease_held_by_another_process_makes_callers_wait_for_its_stored_tokens()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var held = await host.World.Leases.TryAcquireAsync(TokenRefresher.LeaseKey(integration.Id), TimeSpan.FromMinutes(1));
        Assert.NotNull(held);

        var call = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        host.Time.Advance(PollInterval);
        Assert.False(call.IsCompleted);
        await host.StoreTokensAsync(integration, "access-other-process");
        host.Time.Advance(PollInterval);

        Assert.Equal("access-other-process", (await call.WaitAsync(TokenTestHost.Patience)).Value);
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Lease_of_a_crashed_holder_expires_and_the_waiting_process_refreshes()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        await host.World.Leases.TryAcquireAsync(TokenRefresher.LeaseKey(integration.Id), TimeSpan.FromSeconds(2));

        var call = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("access-1", (await call.WaitAsync(TokenTestHost.Patience)).Value);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Waiting_for_a_lease_that_is_never_released_ends_at_the_refresh_timeout()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        await host.World.Leases.TryAcquireAsync(TokenRefresher.LeaseKey(integration.Id), TimeSpan.FromHours(1));

        var call = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        host.Time.Advance(host.OAuth.TokenRefresh.RefreshTimeout);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => call.WaitAsync(TokenTestHost.Patience));
        Assert.Equal(IntegrationErrorCode.ConnectionError, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(0, host.OAuth.RefreshCount);
        Assert.Equal(0, (await host.ReadAsync(integration)).Health.ConsecutiveErrors);
    }

    [Fact]
    public async Task Tokens_refreshed_just_before_the_lease_was_acquired_are_used_without_a_refresh()
    {
        var world = new TokenWorld();
        await using var other = new TokenTestHost(world);
        var integration = await other.SeedAsync(TimeSpan.FromMinutes(-1));
        var leases = new RacingLeaseStore(world.Leases, () => other.StoreTokensAsync(integration, "access-other-process"));
        await using var host = new TokenTestHost(world, leases: leases);

        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal("access-other-process", token.Value);
        Assert.Equal(0, world.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Lease_is_released_after_the_refresh()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));

        await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.NotNull(await host.World.Leases.TryAcquireAsync(TokenRefresher.LeaseKey(integration.Id), TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Lease_is_released_after_a_failed_refresh()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Failure = new IntegrationException(IntegrationErrorCode.ProviderUnavailable, "503") { IsTransient = true };

        await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.NotNull(await host.World.Leases.TryAcquireAsync(TokenRefresher.LeaseKey(integration.Id), TimeSpan.FromMinutes(1)));
    }

    /// <summary>A lease store where another process finishes its refresh right before the lease is granted.</summary>
    private sealed class RacingLeaseStore(ILeaseStore inner, Func<Task> otherProcessRefresh) : ILeaseStore
    {
        public async Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            await otherProcessRefresh();
            return await inner.TryAcquireAsync(key, duration, cancellationToken);
        }

        public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default) => inner.RenewAsync(lease, duration, cancellationToken);

        public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default) => inner.ReleaseAsync(lease, cancellationToken);
    }
}
