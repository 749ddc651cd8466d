using Integrations.TestSupport.Oidc;

namespace Integrations.Interop.Tests.Support;

/// <summary>
/// A server with the library's default refresh token policy: a refresh token only when
/// <c>offline_access</c> was granted, which needs <c>prompt=consent</c> (the way Google and most
/// OpenID Connect servers work).
/// </summary>
public sealed class OfflineAccessServerFixture : OidcServerFixture
{
    protected override OidcProviderSettings Settings => new() { RefreshTokenPolicy = "offline_access" };
}
