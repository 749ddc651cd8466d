namespace Integrations.Core.Tests.Tokens;

/// <summary>Single-flight in one process and across processes, cancellation and the refresh timeout.</summary>
public sealed class RefreshConcurrencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(1000)]
    public async Task Refresh_is_sent_once_for_concurrent_callers(int callers)
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var gate = host.OAuth.HoldRefreshes();

        var calls = new Task<AccessToken>[callers];
        Parallel.For(0, callers, i => calls[i] = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        Assert.DoesNotContain(calls, call => call.IsCompleted);
        gate.SetResult();
        var tokens = await Task.WhenAll(calls).WaitAsync(TokenTestHost.Patience);

        Assert.Equal(1, host.OAuth.RefreshCount);
        Assert.All(tokens, token => Assert.Equal("access-1", token.Value));
        Assert.Single(tokens.Distinct());
        Assert.Equal("access-1", (await host.StoredTokensAsync(integration)).AccessToken);
    }

    [Fact]
    public async Task Callers_cancellation_ends_only_its_own_wait()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var gate = host.OAuth.HoldRefreshes();
        using var impatient = new CancellationTokenSource();

        var cancelled = host.Tokens.GetAccessTokenAsync(integration.Key, impatient.Token).AsTask();
        var patient = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(patient.IsCompleted);
        Assert.False(Assert.Single(host.OAuth.CancellationTokens).IsCancellationRequested);
        gate.SetResult();
        Assert.Equal("access-1", (await patient.WaitAsync(TokenTestHost.Patience)).Value);
        Assert.Equal("access-1", (await host.StoredTokensAsync(integration)).AccessToken);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task First_callers_cancellation_does_not_cancel_the_refresh_it_started()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var gate = host.OAuth.HoldRefreshes();
        using var first = new CancellationTokenSource();

        var starter = host.Tokens.GetAccessTokenAsync(integration.Key, first.Token).AsTask();
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starter);
        var later = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        gate.SetResult();

        Assert.Equal("access-1", (await later.WaitAsync(TokenTestHost.Patience)).Value);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Refresh_timeout_ends_a_hanging_refresh_with_a_transient_error()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.TokenRefresh.RefreshTimeout = TimeSpan.FromSeconds(10);
        host.OAuth.HoldRefreshes();

        var call = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        host.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(call.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => call.WaitAsync(TokenTestHost.Patience));
        Assert.Equal(IntegrationErrorCode.ConnectionError, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(integration.Id, error.IntegrationId);
        var stored = await host.ReadAsync(integration);
        Assert.Equal(integration.Tokens, stored.Tokens);
        Assert.Equal(1, stored.Health.ConsecutiveErrors);
        Assert.Equal(IntegrationStatus.Active, stored.Status);
    }

    [Fact]
    public async Task Processes_sharing_a_store_refresh_once()
    {
        var world = new TokenWorld();
        await using var first = new TokenTestHost(world);
        await using var second = new TokenTestHost(world);
        var integration = await first.SeedAsync(TimeSpan.FromMinutes(-1));
        var gate = world.OAuth.HoldRefreshes();

        var calls = new Task<AccessToken>[400];
        Parallel.For(0, calls.Length, i =>
            calls[i] = (i % 2 == 0 ? first : second).Tokens.GetAccessTokenAsync(integration.Key).AsTask());
        await world.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        gate.SetResult();

        // The process holding the lease stores the new tokens; the other one finds them on its next look.
        await world.Events.WaitForAsync(IntegrationEventType.TokenRefreshed);
        world.Time.Advance(new IntegrationsOptions().RefreshLeasePollInterval);
        var tokens = await Task.WhenAll(calls).WaitAsync(TokenTestHost.Patience);

        Assert.Equal(1, world.OAuth.RefreshCount);
        Assert.All(tokens, token => Assert.Equal("access-1", token.Value));
        Assert.Equal(1, world.Events.Count(IntegrationEventType.TokenRefreshed));
    }
}
