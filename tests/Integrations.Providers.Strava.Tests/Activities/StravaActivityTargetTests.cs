using System.Net;
using System.Text.Json;
using Integrations.Providers.Strava.Internal;
using Integrations.Providers.Strava.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.Activities;

public sealed class StravaActivityTargetTests
{
    private static readonly StravaActivity Detail = JsonSerializer.Deserialize(Fixture.Bytes("activity-detail.json"), StravaJsonContext.Default.StravaActivity)!;

    [Fact]
    public async Task Creating_posts_a_manual_activity_and_returns_its_id_and_version()
    {
        await using var host = new StravaTestHost();
        var create = RecordedRequests.On(host.Http, HttpMethod.Post, Api + "activities", HttpStatusCode.Created, Fixture.Text("activity-created.json"));
        var (target, context) = await TargetAsync(host);

        var result = await target.CreateAsync(context, new SyncRemoteCreate<StravaActivity>("local-1", new StravaActivity
        {
            Name = "Chill Day",
            SportType = "Ride",
            StartDateLocal = new DateTime(2018, 2, 20, 10, 2, 13),
            ElapsedTime = TimeSpan.FromSeconds(18373),
            Description = "Easy spin",
            Distance = 0,
            Commute = true,
        }, new string('a', 64)), CancellationToken.None);

        var created = JsonSerializer.Deserialize(Fixture.Bytes("activity-created.json"), StravaJsonContext.Default.StravaActivity)!;
        Assert.Equal(new SyncRemoteResult("123456778928065", StravaActivityVersion.Of(created)), result);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["name"] = "Chill Day",
                ["sport_type"] = "Ride",
                ["start_date_local"] = "2018-02-20T10:02:13Z",
                ["elapsed_time"] = "18373",
                ["trainer"] = "0",
                ["commute"] = "1",
                ["description"] = "Easy spin",
                ["distance"] = "0",
            },
            create.Form);
    }

    [Fact]
    public async Task An_activity_without_a_start_or_duration_cannot_be_created_and_nothing_is_sent()
    {
        await using var host = new StravaTestHost();
        var (target, context) = await TargetAsync(host);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => target.CreateAsync(context, new SyncRemoteCreate<StravaActivity>("local-1", new StravaActivity { Name = "No time", SportType = "Run" }, new string('a', 64)), CancellationToken.None));

        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task Updating_checks_the_version_then_puts_name_sport_and_description()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/12345678987654321", HttpStatusCode.OK, Fixture.Text("activity-detail.json"));
        var put = RecordedRequests.On(host.Http, HttpMethod.Put, Api + "activities/12345678987654321", HttpStatusCode.OK,
            Fixture.Text("activity-detail.json").Replace("\"Happy Friday\"", "\"Happy Saturday\"", StringComparison.Ordinal));
        var (target, context) = await TargetAsync(host);

        var result = await target.UpdateAsync(context, new SyncRemoteUpdate<StravaActivity>(
            "12345678987654321", "local-1", Detail with { Name = "Happy Saturday", Description = null }, StravaActivityVersion.Of(Detail), new string('b', 64)), CancellationToken.None);

        Assert.Equal("""{"name":"Happy Saturday","sport_type":"MountainBikeRide"}""", put.Body);
        Assert.Equal(StravaActivityVersion.Of(Detail with { Name = "Happy Saturday" }), result.RemoteVersion);
        Assert.Equal("12345678987654321", result.ExternalId);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task An_activity_changed_or_deleted_at_Strava_since_the_last_sync_is_a_conflict_and_is_not_written(HttpStatusCode status)
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/12345678987654321", status,
            status == HttpStatusCode.OK ? Fixture.Text("activity-detail.json") : Fixture.Text("fault-record-not-found.json"));
        var (target, context) = await TargetAsync(host);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => target.UpdateAsync(context, new SyncRemoteUpdate<StravaActivity>(
            "12345678987654321", "local-1", Detail with { Name = "Mine" }, "v1-000000000000000000000000", new string('b', 64)), CancellationToken.None));

        // A PUT would have met MockHttp's fallback, which throws something else.
        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
    }

    [Fact]
    public async Task Deleting_is_not_offered_by_Stravas_API_and_fails_only_that_item()
    {
        await using var host = new StravaTestHost();
        var (target, context) = await TargetAsync(host);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => target.DeleteAsync(context, new SyncRemoteDelete("12345678987654321", "local-1", null, new string('c', 64)), CancellationToken.None));

        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
        Assert.Contains("cannot delete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_cursor_asks_the_engine_for_a_full_sync()
    {
        await using var host = new StravaTestHost();
        var (source, context) = await TargetAsync(host);

        await Assert.ThrowsAsync<SyncCursorExpiredException>(() => source.FetchPageAsync(context, new SyncPageRequest("not-a-time", null, 200, null), CancellationToken.None));
        await Assert.ThrowsAsync<SyncCursorExpiredException>(() => source.FetchPageAsync(context, new SyncPageRequest(null, "v0:2", 200, null), CancellationToken.None));
    }

    private static async Task<(StravaActivitySource Target, SyncContext Context)> TargetAsync(StravaTestHost host)
    {
        var integration = await host.AddIntegrationAsync();
        var target = new StravaActivitySource(
            host.Client,
            host.Services.GetRequiredKeyedService<StravaActivityChanges>(StravaDefaults.ProviderName),
            host.Services.GetRequiredService<IOptionsMonitor<StravaOptions>>().Get(StravaDefaults.ProviderName),
            host.Time);
        return (target, new SyncContext { Integration = integration, Resource = StravaDefaults.ActivitiesResource, RunId = Guid.NewGuid() });
    }
}
