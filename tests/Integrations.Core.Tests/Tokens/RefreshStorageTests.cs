using System.Collections.Immutable;

namespace Integrations.Core.Tests.Tokens;

/// <summary>What a successful refresh writes, and in which order.</summary>
public sealed class RefreshStorageTests
{
    [Fact]
    public async Task Response_without_refresh_token_keeps_the_old_one()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Respond = (_, n) => new TokenSet($"access-{n}") { ExpiresAt = host.Time.GetUtcNow().AddHours(1) };

        await host.Tokens.GetAccessTokenAsync(integration.Key);
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal("refresh-0", (await host.StoredTokensAsync(integration)).RefreshToken);
        Assert.All(host.OAuth.Requests, request => Assert.Equal("refresh-0", request.Current.RefreshToken));
        Assert.Equal(2, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Rotated_refresh_token_replaces_the_old_one()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));

        await host.Tokens.GetAccessTokenAsync(integration.Key);
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal(["refresh-0", "refresh-1"], host.OAuth.Requests.Select(r => r.Current.RefreshToken));
        Assert.Equal("refresh-2", (await host.StoredTokensAsync(integration)).RefreshToken);
    }

    [Fact]
    public async Task Response_without_scopes_keeps_the_granted_scopes()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));

        await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal(["read"], (await host.StoredTokensAsync(integration)).Scopes!.Value.ToArray());
        Assert.Equal(["read"], (await host.ReadAsync(integration)).GrantedScopes.ToArray());
    }

    [Fact]
    public async Task Response_with_scopes_updates_the_granted_scopes()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Respond = (_, n) => new TokenSet($"access-{n}") { ExpiresAt = host.Time.GetUtcNow().AddHours(1), Scopes = ImmutableArray.Create("read", "write") };

        await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal(["read", "write"], (await host.ReadAsync(integration)).GrantedScopes.ToArray());
    }

    [Fact]
    public async Task New_tokens_are_stored_before_the_caller_gets_them()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var saveGate = new TaskCompletionSource();
        var saving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Store.BeforeUpdate = async update =>
        {
            if (update.Tokens != integration.Tokens)
            {
                saving.TrySetResult();
                await saveGate.Task;
            }
        };

        var call = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        await saving.Task.WaitAsync(TokenTestHost.Patience);
        Assert.False(call.IsCompleted);
        Assert.Equal("access-0", (await host.StoredTokensAsync(integration)).AccessToken);
        saveGate.SetResult();

        Assert.Equal("access-1", (await call.WaitAsync(TokenTestHost.Patience)).Value);
        Assert.Equal("access-1", (await host.StoredTokensAsync(integration)).AccessToken);
    }

    [Fact]
    public async Task Refresh_resets_health_and_raises_token_refreshed()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        await host.Store.Inner.UpdateAsync(integration with
        {
            Health = integration.Health.WithError(IntegrationErrorCode.ProviderUnavailable, "503", host.Time.GetUtcNow()),
        });

        await host.Tokens.GetAccessTokenAsync(integration.Key);

        var stored = await host.ReadAsync(integration);
        Assert.Equal(0, stored.Health.ConsecutiveErrors);
        Assert.Equal(host.Time.GetUtcNow(), stored.Health.LastUsedAt);
        Assert.Equal(host.Time.GetUtcNow().AddHours(1), stored.Tokens!.AccessTokenExpiresAt);
        Assert.True(stored.Tokens.HasRefreshToken);
        var raised = await host.World.Events.WaitForAsync(IntegrationEventType.TokenRefreshed);
        Assert.Equal(stored.Version, raised.Integration.Version);
    }

    [Fact]
    public async Task Concurrency_conflict_while_saving_is_retried_on_a_fresh_read()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var renamed = false;
        host.Store.BeforeUpdate = async update =>
        {
            if (!renamed && update.Tokens != integration.Tokens)
            {
                // Someone renames the integration between the refresh's read and its write.
                renamed = true;
                var current = await host.ReadAsync(integration);
                await host.Store.Inner.UpdateAsync(current with { DisplayName = "Renamed" });
            }
        };

        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);

        var stored = await host.ReadAsync(integration);
        Assert.True(renamed);
        Assert.Equal("Renamed", stored.DisplayName);
        Assert.Equal("access-1", token.Value);
        Assert.Equal("access-1", (await host.StoredTokensAsync(integration)).AccessToken);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Tokens_stored_by_a_reconnect_during_the_refresh_win()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var reconnected = false;
        host.Store.BeforeUpdate = async update =>
        {
            if (!reconnected && update.Tokens != integration.Tokens)
            {
                reconnected = true;
                await host.StoreTokensAsync(integration, "access-reconnected");
            }
        };

        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal("access-reconnected", token.Value);
        Assert.Equal("access-reconnected", (await host.StoredTokensAsync(integration)).AccessToken);
    }
}
