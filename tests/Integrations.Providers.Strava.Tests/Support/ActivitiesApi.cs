using System.Globalization;
using System.Net;
using System.Web;

namespace Integrations.Providers.Strava.Tests.Support;

/// <summary>A page of <c>GET /athlete/activities</c> as a test asked for it.</summary>
internal sealed record ActivitiesPageRequest(int Page, int PerPage, long? After, long? Before);

internal static class ActivitiesApi
{
    /// <summary>Answers <c>GET /athlete/activities</c> with whatever <paramref name="page"/> returns for the request's query.</summary>
    public static RecordedRequests Serve(StravaTestHost host, Func<ActivitiesPageRequest, string> page) =>
        RecordedRequests.On(host.Http, HttpMethod.Get, StravaTestHost.ActivitiesUrl, request => StravaTestHost.Json(HttpStatusCode.OK, page(Read(request))));

    public static ActivitiesPageRequest Read(HttpRequestMessage request)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        return new ActivitiesPageRequest(
            int.Parse(query["page"]!, CultureInfo.InvariantCulture),
            int.Parse(query["per_page"]!, CultureInfo.InvariantCulture),
            query["after"] is { } after ? long.Parse(after, CultureInfo.InvariantCulture) : null,
            query["before"] is { } before ? long.Parse(before, CultureInfo.InvariantCulture) : null);
    }
}
