using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Integrations.Providers.Strava;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integrations.Sample.Tests;

/// <summary>
/// Strava for the sample's <c>--provider strava</c> run, without network: every HttpClient of the
/// sample's host goes to one MockHttp handler that answers Strava's OAuth and API endpoints with the
/// Strava provider tests' fixtures (shaped like Strava's documented responses), records what it
/// received, and fails on any request nobody registered. The clock is pinned to the fixtures'
/// time, so the tokens they carry are fresh.
/// </summary>
internal sealed class FakeStrava : IDisposable
{
    public const string ClientId = "12345";
    public const string ClientSecret = "strava-client-secret";
    public const string Api = "https://www.strava.com/api/v3/";

    /// <summary>The access token of <c>token-exchange.json</c>; <c>token-refresh-same-access.json</c> returns it again.</summary>
    public const string AccessToken = "a4b945687g1";

    /// <summary>The refresh token of <c>token-exchange.json</c>.</summary>
    public const string RefreshToken = "e5n567567rt1";

    /// <summary>The refresh token <c>token-refresh-same-access.json</c> rotates to.</summary>
    public const string RotatedRefreshToken = "b5c569rotated3";

    /// <summary>The fixtures' "now": their <c>expires_at</c> values lie six hours and less after it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<Dictionary<string, string>> _codeExchanges = [];
    private readonly List<Dictionary<string, string>> _refreshes = [];
    private readonly List<Dictionary<string, string>> _deauthorizations = [];
    private readonly List<(int Page, int PerPage, string? After)> _activityPages = [];
    private readonly List<JsonNode> _activities;
    private int _apiRequests;
    private bool _deauthorized;

    public FakeStrava()
    {
        // Newest first, as Strava lists them: activities-page-1.json (2018-05-02, 2018-04-30) then -2 (2018-02-16).
        _activities = [.. Activities("activities-page-1.json"), .. Activities("activities-page-2.json")];
        Http.Fallback.Throw(new InvalidOperationException("MockHttp: a request nobody registered was sent."));
        Http.When(HttpMethod.Post, "https://www.strava.com/oauth/token").Respond(TokenAsync);
        Http.When(HttpMethod.Post, "https://www.strava.com/oauth/deauthorize").Respond(DeauthorizeAsync);
        Http.When(HttpMethod.Get, Api + "athlete/activities").Respond(request => Task.FromResult(ActivitiesPage(request)));
        Http.When(HttpMethod.Get, Api + "athlete").Respond(request => Task.FromResult(Athlete(request)));
    }

    public MockHttpMessageHandler Http { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    /// <summary>The form of each code exchange (<c>grant_type=authorization_code</c>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> CodeExchanges => Copy(_codeExchanges);

    /// <summary>The form of each refresh (<c>grant_type=refresh_token</c>).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Refreshes => Copy(_refreshes);

    /// <summary>The form of each <c>POST /oauth/deauthorize</c>.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Deauthorizations => Copy(_deauthorizations);

    /// <summary>Each <c>GET /athlete/activities</c>: page, per_page and after.</summary>
    public IReadOnlyList<(int Page, int PerPage, string? After)> ActivityPages
    {
        get
        {
            lock (_gate)
            {
                return [.. _activityPages];
            }
        }
    }

    /// <summary>The sample's test hook: every HttpClient of the host comes here, and the host's clock is <see cref="Time"/>.</summary>
    public void Configure(IIntegrationsBuilder integrations)
    {
        integrations.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => Http));
        integrations.Services.AddSingleton<TimeProvider>(Time);
    }

    public void Dispose() => Http.Dispose();

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request)
    {
        var form = await FormAsync(request);
        lock (_gate)
        {
            switch (form.GetValueOrDefault("grant_type"))
            {
                case "authorization_code":
                    _codeExchanges.Add(form);
                    return Json(HttpStatusCode.OK, Fixture("token-exchange.json"));
                case "refresh_token" when form.GetValueOrDefault("refresh_token") == RefreshToken:
                    // The token still has hours left: the same access token, a rotated refresh token.
                    _refreshes.Add(form);
                    return Json(HttpStatusCode.OK, Fixture("token-refresh-same-access.json"));
                default:
                    // A replayed code or a refresh token Strava rotated away: what Strava answers then.
                    _refreshes.Add(form);
                    return Json(HttpStatusCode.BadRequest, Fixture("fault-refresh-token-invalid.json"));
            }
        }
    }

    private async Task<HttpResponseMessage> DeauthorizeAsync(HttpRequestMessage request)
    {
        var form = await FormAsync(request);
        lock (_gate)
        {
            _deauthorizations.Add(form);
            if (form.GetValueOrDefault("access_token") != AccessToken)
            {
                return Json(HttpStatusCode.Unauthorized, Fixture("fault-access-token-invalid.json"));
            }

            _deauthorized = true;
            return Json(HttpStatusCode.OK, Fixture("deauthorize.json"));
        }
    }

    /// <summary>A slice of the activities, newest first, as <c>page</c> and <c>per_page</c> ask; an empty page after the last.</summary>
    private HttpResponseMessage ActivitiesPage(HttpRequestMessage request)
    {
        if (Unauthorized(request) is { } refused)
        {
            return refused;
        }

        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var page = int.Parse(query["page"] ?? "1", CultureInfo.InvariantCulture);
        var perPage = int.Parse(query["per_page"] ?? "30", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _activityPages.Add((page, perPage, query["after"]));
            var slice = new JsonArray([.. _activities.Skip((page - 1) * perPage).Take(perPage).Select(a => a.DeepClone())]);
            return WithRateLimits(Json(HttpStatusCode.OK, slice.ToJsonString()));
        }
    }

    /// <summary>The sample's final check: after the deauthorization the last access token gets Strava's 401.</summary>
    private HttpResponseMessage Athlete(HttpRequestMessage request)
    {
        lock (_gate)
        {
            return Unauthorized(request) ?? WithRateLimits(Json(HttpStatusCode.OK, Fixture("athlete.json")));
        }
    }

    private HttpResponseMessage? Unauthorized(HttpRequestMessage request)
    {
        lock (_gate)
        {
            var valid = !_deauthorized && request.Headers.Authorization is { Scheme: "Bearer", Parameter: AccessToken };
            return valid ? null : WithRateLimits(Json(HttpStatusCode.Unauthorized, Fixture("fault-access-token-invalid.json")));
        }
    }

    /// <summary>Strava's headers on every API response: limits "15min,daily", usage counting this request (40 earlier today).</summary>
    private HttpResponseMessage WithRateLimits(HttpResponseMessage response)
    {
        var used = ++_apiRequests;
        var usage = string.Create(CultureInfo.InvariantCulture, $"{used},{used + 40}");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "200,2000");
        response.Headers.TryAddWithoutValidation("X-RateLimit-Usage", usage);
        response.Headers.TryAddWithoutValidation("X-ReadRateLimit-Limit", "100,1000");
        response.Headers.TryAddWithoutValidation("X-ReadRateLimit-Usage", usage);
        return response;
    }

    private static async Task<Dictionary<string, string>> FormAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
        var form = HttpUtility.ParseQueryString(body);
        return form.AllKeys.OfType<string>().ToDictionary(key => key, key => form[key]!, StringComparer.Ordinal);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StravaFixtures", name));

    private static IEnumerable<JsonNode> Activities(string fixture) => JsonNode.Parse(Fixture(fixture))!.AsArray().Select(a => a!.DeepClone());

    private IReadOnlyList<IReadOnlyDictionary<string, string>> Copy(List<Dictionary<string, string>> forms)
    {
        lock (_gate)
        {
            return [.. forms];
        }
    }
}
