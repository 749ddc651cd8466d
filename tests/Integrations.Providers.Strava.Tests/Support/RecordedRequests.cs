using System.Net;
using RichardSzalay.MockHttp;

namespace Integrations.Providers.Strava.Tests.Support;

/// <summary>The requests one mocked endpoint received, with bodies read while the request was alive.</summary>
internal sealed class RecordedRequests
{
    private readonly List<(HttpRequestMessage Request, string Body, string? Authorization)> _requests = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<HttpRequestMessage> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.Select(r => r.Request).ToList();
            }
        }
    }

    /// <summary>The <c>Authorization</c> header of each request as it was sent (a resent request carries a new one).</summary>
    public IReadOnlyList<string?> Authorizations
    {
        get
        {
            lock (_gate)
            {
                return _requests.Select(r => r.Authorization).ToList();
            }
        }
    }

    public string Body => Single().Body;

    public HttpRequestMessage Request => Single().Request;

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_gate)
            {
                return _requests.Select(r => r.Body).ToList();
            }
        }
    }

    public Dictionary<string, string> Form => System.Web.HttpUtility.ParseQueryString(Body) is var form
        ? form.AllKeys.ToDictionary(k => k!, k => form[k]!)
        : [];

    /// <summary>Answers <paramref name="method"/> <paramref name="url"/> (query ignored unless matched by <paramref name="query"/>) with what <paramref name="respond"/> builds, recording each request.</summary>
    public static RecordedRequests On(MockHttpMessageHandler http, HttpMethod method, string url, Func<HttpRequestMessage, HttpResponseMessage> respond, string? query = null)
    {
        var recorded = new RecordedRequests();
        var when = http.When(method, url);
        if (query is not null)
        {
            when = when.WithQueryString(query);
        }

        when.Respond(async request =>
        {
            recorded.Add(request, request.Content is null ? "" : await request.Content.ReadAsStringAsync());
            return respond(request);
        });
        return recorded;
    }

    public static RecordedRequests On(MockHttpMessageHandler http, HttpMethod method, string url, HttpStatusCode status, string body, string? query = null, params (string, string)[] headers) =>
        On(http, method, url, _ => StravaTestHost.Json(status, body, headers), query);

    private void Add(HttpRequestMessage request, string body)
    {
        lock (_gate)
        {
            _requests.Add((request, body, request.Headers.Authorization?.ToString()));
        }
    }

    private (HttpRequestMessage Request, string Body, string? Authorization) Single()
    {
        lock (_gate)
        {
            return Assert.Single(_requests);
        }
    }
}
