using System.Net;
using Integrations.Providers.Strava.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.Http;

public sealed class StravaRateLimitTests
{
    private static readonly StravaActivityQuery FirstPage = new();

    [Fact]
    public async Task Usage_at_the_limit_at_12_14_59_holds_the_next_request_until_12_15_00()
    {
        await using var host = new StravaTestHost(start: Start.AddSeconds(14 * 60 + 59));
        var calls = 0;
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => ++calls == 1
            ? Json(HttpStatusCode.OK, "[]", RateLimits("200,2000", "100,500", "100,1000", "100,500"))
            : Json(HttpStatusCode.OK, "[]", RateLimits("200,2000", "1,501", "100,1000", "1,501")));
        var integration = await host.AddIntegrationAsync();
        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);

        var held = host.Client.GetActivitiesAsync(integration.Key, FirstPage);
        await host.Budget.WhenWaitingAsync(1);
        host.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(held.IsCompleted);
        Assert.Equal(1, api.Count);
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await held;

        Assert.Equal(2, api.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 15, 0, TimeSpan.Zero), host.Time.GetUtcNow());
        Assert.Equal(new StravaRateLimitUsage(100, 1, 1000, 501, null), host.Budget.GetSnapshot().Read);
    }

    [Fact]
    public async Task The_daily_limit_used_up_holds_requests_until_midnight_utc()
    {
        await using var host = new StravaTestHost();
        var calls = 0;
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => ++calls == 1
            ? Json(HttpStatusCode.OK, "[]", RateLimits("200,2000", "10,1999", "100,1000", "10,1000"))
            : Json(HttpStatusCode.OK, "[]"));
        var integration = await host.AddIntegrationAsync(tokens: new TokenSet("access") { RefreshToken = "refresh", ExpiresAt = Start.AddDays(2) });
        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);

        var held = host.Client.GetActivitiesAsync(integration.Key, FirstPage);
        await host.Budget.WhenWaitingAsync(1);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), host.Budget.GetSnapshot().ResumeAt);
        host.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.False(held.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await held;

        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task Without_rate_limit_headers_nothing_waits()
    {
        await using var host = new StravaTestHost();
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.OK, "[]");
        var integration = await host.AddIntegrationAsync();

        for (var i = 0; i < 250; i++)
        {
            await host.Client.GetActivitiesAsync(integration.Key, FirstPage);
        }

        var snapshot = host.Budget.GetSnapshot();
        Assert.Equal(250, api.Count);
        Assert.Null(snapshot.Read.FifteenMinuteLimit);
        Assert.Equal(250, snapshot.Read.FifteenMinuteUsage);
        Assert.Null(snapshot.ResumeAt);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public async Task With_one_request_left_only_one_of_many_integrations_goes_out(int integrations)
    {
        await using var host = new StravaTestHost();
        var calls = 0;
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => Interlocked.Increment(ref calls) == 1
            ? Json(HttpStatusCode.OK, "[]", RateLimits("200,2000", "99,99", "100,1000", "99,99"))
            : Json(HttpStatusCode.OK, "[]"));
        var first = await host.AddIntegrationAsync(new IntegrationOwner("acme", "user-0"));
        await host.Client.GetActivitiesAsync(first.Key, FirstPage);
        var keys = new List<IntegrationKey>();
        for (var i = 1; i <= integrations + 1; i++)
        {
            keys.Add((await host.AddIntegrationAsync(new IntegrationOwner("acme", "user-" + i))).Key);
        }

        var requests = keys.Select(key => host.Client.GetActivitiesAsync(key, FirstPage)).ToList();
        await host.Budget.WhenWaitingAsync(integrations);
        await await Task.WhenAny(requests);

        Assert.Equal(2, api.Count);
        Assert.Equal(integrations, requests.Count(r => !r.IsCompleted));
        host.Time.Advance(TimeSpan.FromMinutes(15));
        await Task.WhenAll(requests);
        Assert.Equal(integrations + 2, api.Count);
    }

    [Fact]
    public async Task A_429_without_Retry_After_holds_everything_until_the_next_quarter_hour_and_is_sent_once_more_then()
    {
        await using var host = new StravaTestHost(start: Start.AddSeconds(450));
        var calls = 0;
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => ++calls == 1
            ? Json(HttpStatusCode.TooManyRequests, Fixture.Text("fault-rate-limit.json"))
            : Json(HttpStatusCode.OK, Fixture.Text("activities-page-2.json")));
        var integration = await host.AddIntegrationAsync();

        var request = host.Client.GetActivitiesAsync(integration.Key, FirstPage);
        await host.Budget.WhenWaitingAsync(1);

        // Not hammered: neither the resilience handler nor the budget sent it again before the window.
        Assert.Equal(1, api.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 15, 0, TimeSpan.Zero), host.Budget.GetSnapshot().Overall.BlockedUntil);
        host.Time.Advance(TimeSpan.FromSeconds(449));
        Assert.False(request.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("Happy Friday", Assert.Single(await request).Name);
        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_holds_requests_for_that_long()
    {
        await using var host = new StravaTestHost();
        var calls = 0;
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => ++calls == 1
            ? Json(HttpStatusCode.TooManyRequests, Fixture.Text("fault-rate-limit.json"), ("Retry-After", "40"))
            : Json(HttpStatusCode.OK, "[]"));
        var integration = await host.AddIntegrationAsync();

        var request = host.Client.GetActivitiesAsync(integration.Key, FirstPage);
        await host.Budget.WhenWaitingAsync(1);
        host.Time.Advance(TimeSpan.FromSeconds(39));
        Assert.False(request.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await request;

        Assert.Equal(2, api.Count);
    }

    [Fact]
    public async Task A_wait_beyond_MaxWait_fails_at_once_with_the_resume_time_and_sends_nothing()
    {
        await using var host = new StravaTestHost(o => o.RateLimit.MaxWait = TimeSpan.FromMinutes(20));
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.TooManyRequests, Fixture.Text("fault-rate-limit.json"), headers: RateLimits("200,2000", "201,2000"));
        var integration = await host.AddIntegrationAsync();

        var refused = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));
        var next = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, refused.Code);
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(TimeSpan.FromHours(12), refused.RetryAfter);
        Assert.Equal(integration.Id, refused.IntegrationId);
        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, next.Code);
        Assert.Equal(TimeSpan.FromHours(12), next.RetryAfter);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task A_waiting_request_can_be_cancelled()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.OK, "[]", headers: RateLimits("200,2000", "200,300"));
        var integration = await host.AddIntegrationAsync();
        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);
        using var cancellation = new CancellationTokenSource();

        var request = host.Client.GetActivitiesAsync(integration.Key, FirstPage, cancellation.Token);
        await host.Budget.WhenWaitingAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.Equal(0, host.Budget.GetSnapshot().Waiting);
    }

    [Fact]
    public async Task Creating_an_activity_is_not_held_by_the_exhausted_read_limit()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.OK, "[]", headers: RateLimits("200,2000", "100,500", "100,1000", "100,500"));
        var create = RecordedRequests.On(host.Http, HttpMethod.Post, Api + "activities", HttpStatusCode.Created, Fixture.Text("activity-created.json"));
        var integration = await host.AddIntegrationAsync();
        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);

        var created = await host.Client.CreateActivityAsync(integration.Key, new StravaNewActivity
        {
            Name = "Chill Day",
            SportType = "Ride",
            StartDateLocal = new DateTime(2018, 2, 20, 10, 2, 13),
            ElapsedTime = TimeSpan.FromSeconds(18373),
        });

        Assert.Equal(123456778928065, created.Id);
        Assert.Equal(1, create.Count);
        Assert.NotNull(host.Budget.GetSnapshot().ResumeAt);

        // The upload counts against the overall limit only.
        Assert.Equal(101, host.Budget.GetSnapshot().Overall.FifteenMinuteUsage);
        Assert.Equal(100, host.Budget.GetSnapshot().Read.FifteenMinuteUsage);
    }

    [Fact]
    public async Task A_count_reported_for_a_window_that_ended_meanwhile_does_not_hold_the_new_window()
    {
        await using var host = new StravaTestHost(start: Start.AddSeconds(14 * 60 + 59));
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ =>
        {
            // Sent at 12:14:59, answered at 12:15:01 with the old window's count.
            host.Time.Advance(TimeSpan.FromSeconds(2));
            return Json(HttpStatusCode.OK, "[]", RateLimits("200,2000", "100,500", "100,1000", "100,500"));
        });
        var integration = await host.AddIntegrationAsync();
        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);

        Assert.Null(host.Budget.GetSnapshot().ResumeAt);
        Assert.Equal(500, host.Budget.GetSnapshot().Read.DailyUsage);
    }

    [Fact]
    public async Task Retries_by_the_resilience_handler_are_counted_too()
    {
        await using var host = new StravaTestHost();
        var calls = 0;
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => ++calls == 1
            ? Json(HttpStatusCode.ServiceUnavailable, "{}", ("Retry-After", "0"))
            : Json(HttpStatusCode.OK, "[]"));
        var integration = await host.AddIntegrationAsync();

        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);

        Assert.Equal(2, calls);
        Assert.Equal(2, host.Budget.GetSnapshot().Overall.FifteenMinuteUsage);
    }

    [Fact]
    public async Task Two_Strava_applications_keep_separate_budgets()
    {
        await using var host = new StravaTestHost(services: s => s.AddIntegrations().AddStrava("strava-eu", o =>
        {
            o.ClientId = "999";
            o.ClientSecret = "eu-secret";
        }));

        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.OK, "[]", headers: RateLimits("200,2000", "100,500"));
        var integration = await host.AddIntegrationAsync();
        var first = host.Services.GetRequiredKeyedService<StravaRateLimitBudget>(StravaDefaults.ProviderName);
        var second = host.Services.GetRequiredKeyedService<StravaRateLimitBudget>("strava-eu");

        await host.Client.GetActivitiesAsync(integration.Key, FirstPage);

        Assert.Same(first, host.Budget);
        Assert.NotSame(first, second);
        Assert.Equal(new StravaRateLimitUsage(200, 100, 2000, 500, null), first.GetSnapshot().Overall);
        Assert.Equal(new StravaRateLimitUsage(null, 0, null, 0, null), second.GetSnapshot().Overall);
        Assert.Equal("strava-eu", host.Services.GetRequiredKeyedService<StravaClient>("strava-eu").ProviderName);
    }
}
