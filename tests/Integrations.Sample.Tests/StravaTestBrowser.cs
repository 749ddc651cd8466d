using System.Web;
using Integrations.Sample;

namespace Integrations.Sample.Tests;

/// <summary>
/// Stands in for the athlete's browser on Strava's consent page: "authorizes" at once, leaving only
/// <paramref name="grantedScopes"/> ticked, and requests the redirect Strava would send (the
/// request's <c>redirect_uri</c> with <c>state</c>, a one-time <c>code</c> and the granted
/// <c>scope</c>, comma-separated), which lands on the sample's loopback listener.
/// </summary>
internal sealed class StravaTestBrowser(string grantedScopes) : IBrowser, IDisposable
{
    /// <summary>The authorization code in the redirect.</summary>
    public const string Code = "9d3c1e2f0a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";

    private readonly HttpClient _http = new() { Timeout = SampleRun.Patience };

    /// <summary>The browser's work after <see cref="OpenAsync"/>; faults when a step fails.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public Uri? OpenedUrl { get; private set; }

    /// <summary>The page the sample's listener answered the redirect with.</summary>
    public string? CallbackPage { get; private set; }

    public Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        OpenedUrl = url;
        Completion = ConsentAsync(url);
        return Task.FromResult(true);
    }

    private async Task ConsentAsync(Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        var redirect = $"{query["redirect_uri"]}?state={Uri.EscapeDataString(query["state"]!)}&code={Code}&scope={grantedScopes}";
        using var response = await _http.GetAsync(new Uri(redirect));
        response.EnsureSuccessStatusCode();
        CallbackPage = await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => _http.Dispose();
}
