using Integrations.Internal;

namespace Integrations.Core.Tests.Providers.Support;

/// <summary>Seeds the token provider's in-process cache so a test can see the connect flow forget it.</summary>
internal static class TokenCacheProbe
{
    public static void CacheSomeToken(AccessTokenCache cache, Integration integration)
    {
        var token = new AccessToken("cached-access-token", "Bearer", DateTimeOffset.MaxValue);
        var entry = new CachedAccessToken(integration.Owner, token, DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
        Assert.True(cache.TrySet(integration.Id, entry, cache.GenerationOf(integration.Id)));
        Assert.True(cache.TryGet(integration.Id, out _));
    }
}
