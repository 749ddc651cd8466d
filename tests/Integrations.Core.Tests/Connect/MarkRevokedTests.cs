using Integrations.Core.Tests.Providers.Support;
using Integrations.Internal;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.Core.Tests.Connect.ConnectTestData;

namespace Integrations.Core.Tests.Connect;

public sealed class MarkRevokedTests
{
    [Fact]
    public async Task Mark_revoked_drops_the_tokens_forgets_the_cached_token_and_raises_revoked_once()
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "athlete-1");
        var cache = host.Services.GetRequiredService<AccessTokenCache>();
        TokenCacheProbe.CacheSomeToken(cache, integration);

        var revoked = await host.Manager.MarkRevokedAsync(integration.Key, "The athlete deauthorized the application.");
        var again = await host.Manager.MarkRevokedAsync(integration.Key, "delivered twice");

        Assert.Equal(IntegrationStatus.Revoked, revoked.Status);
        Assert.Null(revoked.Tokens);
        Assert.Equal(revoked, again);
        Assert.Equal(revoked, await host.Store.GetAsync(Alice, integration.Id));
        Assert.False(cache.TryGet(integration.Id, out _));
        var raised = Assert.Single(host.Events.Events);
        Assert.Equal(IntegrationEventType.Revoked, raised.Type);
        Assert.Equal("The athlete deauthorized the application.", raised.Reason);
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Services.GetRequiredService<IAccessTokenProvider>().GetAccessTokenAsync(integration.Key).AsTask());
        Assert.Equal(IntegrationErrorCode.IntegrationInactive, error.Code);
    }

    [Theory]
    [InlineData(IntegrationStatus.ReauthorizationRequired)]
    [InlineData(IntegrationStatus.Disabled)]
    public async Task An_inactive_integration_is_revoked_too(IntegrationStatus status)
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "athlete-1", status);

        var revoked = await host.Manager.MarkRevokedAsync(integration.Key);

        Assert.Equal(IntegrationStatus.Revoked, revoked.Status);
        Assert.Null(revoked.Tokens);
        Assert.Equal(IntegrationEventType.Revoked, Assert.Single(host.Events.Events).Type);
    }

    [Fact]
    public async Task Another_owners_integration_is_not_found_and_left_untouched()
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "athlete-1");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.MarkRevokedAsync(new IntegrationKey(integration.Id, Bob)));

        Assert.Equal(IntegrationErrorCode.IntegrationNotFound, error.Code);
        Assert.Equal(integration, await host.Store.GetAsync(Alice, integration.Id));
        Assert.Empty(host.Events.Events);
    }
}
