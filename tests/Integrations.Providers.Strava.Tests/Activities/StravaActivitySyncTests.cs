using Integrations.Providers.Strava.Tests.Support;

namespace Integrations.Providers.Strava.Tests.Activities;

public sealed class StravaActivitySyncTests
{
    private const long HappyishStart = 1525263309; // 2018-05-02T12:15:09Z, the newest activity of the fixtures
    private const long SevenDays = 7 * 24 * 3600;
    private static readonly SyncRequest Activities = new() { Resources = [StravaDefaults.ActivitiesResource] };

    [Fact]
    public async Task A_full_sync_reads_page_after_page_through_short_pages_until_an_empty_one()
    {
        await using var host = new StravaTestHost();
        var api = ActivitiesApi.Serve(host, p => p.Page switch
        {
            1 => Fixture.Text("activities-page-1.json"),
            2 => Fixture.Text("activities-page-2.json"),
            _ => "[]",
        });
        var integration = await host.AddIntegrationAsync();

        var run = Assert.Single(await host.Sync.RunAsync(integration.Key, Activities));

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.IsFullResync);
        Assert.Equal(3, run.Local.Created);
        Assert.Equal(["upsert:154504250376823", "upsert:1234567809", "upsert:12345678987654321"], host.Activities.Writes);
        Assert.Equal(
            [new ActivitiesPageRequest(1, 200, null, null), new ActivitiesPageRequest(2, 200, null, null), new ActivitiesPageRequest(3, 200, null, null)],
            api.Requests.Select(ActivitiesApi.Read));
        Assert.Equal(HappyishStart.ToString(System.Globalization.CultureInfo.InvariantCulture), run.CursorAfter);
        Assert.Null(host.Activities.Rows["154504250376823"].UploadId);
    }

    [Fact]
    public async Task The_next_sync_reads_again_from_the_newest_start_minus_the_overlap_and_delivers_only_edits()
    {
        await using var host = new StravaTestHost();
        var second = false;
        var api = ActivitiesApi.Serve(host, p => (second, p.Page) switch
        {
            (false, 1) => Fixture.Text("activities-page-1.json"),
            (true, 1) => Fixture.Text("activities-page-1.json").Replace("\"Bondcliff\"", "\"Bondcliff, renamed\"", StringComparison.Ordinal),
            _ => "[]",
        });
        var integration = await host.AddIntegrationAsync();
        await host.Sync.RunAsync(integration.Key, Activities);
        second = true;

        var run = Assert.Single(await host.Sync.RunAsync(integration.Key, Activities));

        Assert.False(run.IsFullResync);
        Assert.Equal(1, run.Local.Updated);
        Assert.Equal(1, run.Local.Skipped);
        Assert.Equal("Bondcliff, renamed", host.Activities.Rows["1234567809"].Name);
        Assert.Equal(["upsert:154504250376823", "upsert:1234567809", "upsert:1234567809"], host.Activities.Writes);
        Assert.Equal(
            [new ActivitiesPageRequest(1, 200, HappyishStart - SevenDays, null), new ActivitiesPageRequest(2, 200, HappyishStart - SevenDays, null)],
            api.Requests.Skip(2).Select(ActivitiesApi.Read));
    }

    [Fact]
    public async Task The_overlap_window_is_an_option()
    {
        await using var host = new StravaTestHost(o => o.ActivitiesOverlap = TimeSpan.FromDays(1));
        var api = ActivitiesApi.Serve(host, p => p.Page == 1 && p.After is null ? Fixture.Text("activities-page-1.json") : "[]");
        var integration = await host.AddIntegrationAsync();
        await host.Sync.RunAsync(integration.Key, Activities);

        await host.Sync.RunAsync(integration.Key, Activities);

        Assert.Equal(HappyishStart - 86400, ActivitiesApi.Read(api.Requests[^1]).After);
    }

    [Fact]
    public async Task A_full_resync_deletes_the_activities_that_are_gone()
    {
        await using var host = new StravaTestHost();
        var gone = false;
        ActivitiesApi.Serve(host, p => p.Page switch
        {
            1 => Fixture.Text("activities-page-1.json"),
            2 when !gone => Fixture.Text("activities-page-2.json"),
            _ => "[]",
        });
        var integration = await host.AddIntegrationAsync();
        await host.Sync.RunAsync(integration.Key, Activities);
        gone = true;

        var run = Assert.Single(await host.Sync.RunAsync(integration.Key, Activities with { ForceFullResync = true }));

        Assert.Equal(1, run.Local.Deleted);
        Assert.Equal("delete:12345678987654321", host.Activities.Writes[^1]);
        Assert.Equal(2, host.Activities.Rows.Count);
    }

    [Fact]
    public async Task A_date_range_bounds_the_full_sync_with_after_and_before()
    {
        await using var host = new StravaTestHost();
        var api = ActivitiesApi.Serve(host, _ => "[]");
        var integration = await host.AddIntegrationAsync();
        var from = new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await host.Sync.RunAsync(integration.Key, Activities with { DateRange = new SyncDateRange(from, to) });

        Assert.Equal(new ActivitiesPageRequest(1, 200, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds()), ActivitiesApi.Read(api.Request));
    }

    [Fact]
    public async Task An_activity_dated_in_the_future_does_not_move_the_cursor_past_now()
    {
        await using var host = new StravaTestHost();
        ActivitiesApi.Serve(host, p => p.Page == 1
            ? Fixture.Text("activities-page-2.json").Replace("2018-02-16T14:52:54Z", "2031-01-01T00:00:00Z", StringComparison.Ordinal)
            : "[]");
        var integration = await host.AddIntegrationAsync();

        var run = Assert.Single(await host.Sync.RunAsync(integration.Key, Activities));

        Assert.Equal(StravaTestHost.Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), run.CursorAfter);
    }

    [Fact]
    public async Task A_rate_limit_beyond_the_longest_wait_fails_the_run_with_its_resume_time()
    {
        await using var host = new StravaTestHost(o => o.RateLimit.MaxWait = TimeSpan.FromMinutes(1));
        RecordedRequests.On(host.Http, HttpMethod.Get, StravaTestHost.ActivitiesUrl, System.Net.HttpStatusCode.TooManyRequests, Fixture.Text("fault-rate-limit.json"));
        var integration = await host.AddIntegrationAsync();

        var run = Assert.Single(await host.Sync.RunAsync(integration.Key, Activities));

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, run.ErrorCode);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 15, 0, TimeSpan.Zero), run.ResumeAt);
        Assert.Empty(host.Activities.Writes);
    }
}
