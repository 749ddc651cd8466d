using Integrations.Sample;

namespace Integrations.Sample.Tests;

/// <summary>
/// Stands in for the system browser: when the sample opens the authorization URL, it gets the
/// provider's consent (each subclass its own way) and then requests the callback URL the provider
/// redirected to, which lands on the sample's loopback listener exactly as a real browser's request would.
/// </summary>
internal abstract class TestBrowser : IBrowser, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = SampleRun.Patience };

    /// <summary>The browser's work after <see cref="OpenAsync"/>; faults when a step fails.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public Uri? OpenedUrl { get; private set; }

    /// <summary>The page the sample's listener answered the callback with.</summary>
    public string? CallbackPage { get; private set; }

    public Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        OpenedUrl = url;
        Completion = FollowAsync(url);
        return Task.FromResult(true);
    }

    public virtual void Dispose() => _http.Dispose();

    /// <summary>Consents at the provider and returns the callback URL it redirects to.</summary>
    protected abstract Task<Uri> ConsentAsync(Uri authorizationUrl);

    private async Task FollowAsync(Uri url)
    {
        var callback = await ConsentAsync(url);
        using var response = await _http.GetAsync(callback);
        response.EnsureSuccessStatusCode();
        CallbackPage = await response.Content.ReadAsStringAsync();
    }
}
