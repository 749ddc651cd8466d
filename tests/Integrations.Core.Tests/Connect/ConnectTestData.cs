using System.Net;
using Integrations.Core.Tests.Providers.Support;

namespace Integrations.Core.Tests.Connect;

/// <summary>Owners, requests and shortcuts the connect tests share.</summary>
internal static class ConnectTestData
{
    public static readonly IntegrationOwner Alice = new("acme", "alice-user");
    public static readonly IntegrationOwner Bob = new("acme", "bob-user");

    public static BeginConnectRequest Request(IntegrationOwner owner, string provider = ProviderTestHost.OAuth2Name) => new()
    {
        Owner = owner,
        Provider = provider,
        RedirectUri = new Uri(OAuthFixtures.RedirectUri),
    };

    public static ConnectCallback Callback(ConnectStart start, string code = "SplxlOBeZQQYbYS6WxSbIA", string? extra = null) =>
        ConnectCallback.FromUri(new Uri($"{OAuthFixtures.RedirectUri}?code={code}&state={Uri.EscapeDataString(start.State)}{extra}"));

    public static (RecordedRequests Token, RecordedRequests UserInfo) ServeProvider(this ProviderTestHost host, string tokenResponse, string userInfo = OAuthFixtures.UserInfo) => (
        host.RespondToToken(HttpStatusCode.OK, tokenResponse),
        host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.OK, userInfo));

    /// <summary>Adds an integration straight to the store, with tokens protected by the host's token protector.</summary>
    public static Task<Integration> AddIntegrationAsync(this ProviderTestHost host, IntegrationOwner owner, string accountId, IntegrationStatus status = IntegrationStatus.Active, string provider = ProviderTestHost.OAuth2Name, TokenSet? tokens = null)
    {
        var now = host.Time.GetUtcNow();
        return host.Store.AddAsync(new Integration
        {
            Id = Guid.NewGuid(),
            TenantId = owner.TenantId,
            UserId = owner.UserId,
            Provider = provider,
            DisplayName = accountId,
            Account = new ExternalAccount(accountId),
            Status = status,
            Tokens = host.TokenProtector.Protect(owner, tokens ?? new TokenSet("at-" + accountId) { RefreshToken = "rt-" + accountId }),
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    /// <summary>How many pending authorizations the store holds (and removes them all: call it last).</summary>
    public static Task<int> DrainPendingAsync(this ProviderTestHost host) => host.PendingStore.DeleteExpiredAsync(DateTimeOffset.MaxValue);
}
