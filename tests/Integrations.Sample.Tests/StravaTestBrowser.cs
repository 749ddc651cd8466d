using System.Web;

namespace Integrations.Sample.Tests;

/// <summary>
/// The athlete on Strava's consent page: "authorizes" at once, leaving only
/// <paramref name="grantedScopes"/> ticked, and follows the redirect Strava would send (the
/// request's <c>redirect_uri</c> with <c>state</c>, a one-time <c>code</c> and the granted
/// <c>scope</c>, comma-separated).
/// </summary>
internal sealed class StravaTestBrowser(string grantedScopes) : TestBrowser
{
    /// <summary>The authorization code in the redirect.</summary>
    public const string Code = "9d3c1e2f0a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d";

    protected override Task<Uri> ConsentAsync(Uri authorizationUrl)
    {
        var query = HttpUtility.ParseQueryString(authorizationUrl.Query);
        return Task.FromResult(new Uri($"{query["redirect_uri"]}?state={Uri.EscapeDataString(query["state"]!)}&code={Code}&scope={grantedScopes}"));
    }
}
