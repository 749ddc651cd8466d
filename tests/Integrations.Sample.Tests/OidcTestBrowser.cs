using Integrations.TestSupport.Oidc;

namespace Integrations.Sample.Tests;

/// <summary>Signs in and consents on oidc-provider's pages as "alice".</summary>
internal sealed class OidcTestBrowser(OidcProviderServer server) : TestBrowser
{
    private readonly OidcBrowser _browser = server.CreateBrowser();

    public override void Dispose()
    {
        _browser.Dispose();
        base.Dispose();
    }

    protected override Task<Uri> ConsentAsync(Uri authorizationUrl) => _browser.AuthorizeAsync(authorizationUrl, "alice");
}
