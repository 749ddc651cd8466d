using Integrations.Sample;
using Integrations.TestSupport.Oidc;

namespace Integrations.Sample.Tests;

/// <summary>
/// Stands in for the system browser: signs in and consents on oidc-provider's pages as "alice",
/// then requests the callback URL the provider redirected to, which lands on the sample's loopback
/// listener exactly as a real browser's request would.
/// </summary>
internal sealed class OidcTestBrowser(OidcProviderServer server) : IBrowser, IDisposable
{
    private readonly OidcBrowser _browser = server.CreateBrowser();
    private readonly HttpClient _http = new() { Timeout = OidcProviderServer.Patience };

    /// <summary>The browser's work after <see cref="OpenAsync"/>; faults when a step fails.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>The page the sample's listener answered the callback with.</summary>
    public string? CallbackPage { get; private set; }

    public Uri? OpenedUrl { get; private set; }

    public Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        OpenedUrl = url;
        Completion = FollowAsync(url);
        return Task.FromResult(true);
    }

    private async Task FollowAsync(Uri url)
    {
        var callback = await _browser.AuthorizeAsync(url, "alice");
        using var response = await _http.GetAsync(callback);
        response.EnsureSuccessStatusCode();
        CallbackPage = await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        _browser.Dispose();
        _http.Dispose();
    }
}
