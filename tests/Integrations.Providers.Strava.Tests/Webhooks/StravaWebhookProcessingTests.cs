using System.Net;
using Integrations.Providers.Strava.Tests.Support;
using RichardSzalay.MockHttp;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.Webhooks;

public sealed class StravaWebhookProcessingTests
{
    private const string HappyFriday = "12345678987654321";
    private const string Bondcliff = "1234567809";

    [Fact]
    public async Task A_deauthorization_revokes_every_integration_of_the_athlete_once_however_often_it_is_delivered()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        var alices = await host.AddIntegrationAsync(Alice);
        var bobs = await host.AddIntegrationAsync(Bob);
        var other = await host.AddIntegrationAsync(Alice, athleteId: "999");
        await host.Tokens.GetAccessTokenAsync(alices.Key);

        var first = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-deauthorization.json")));
        await first.Processing;
        var again = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-deauthorization-boolean.json")));
        await again.Processing;

        Assert.Equal([200, 200], new[] { first.StatusCode, again.StatusCode });
        foreach (var revoked in new[] { alices, bobs })
        {
            var stored = (await host.Store.GetAsync(revoked.Owner, revoked.Id))!;
            Assert.Equal(IntegrationStatus.Revoked, stored.Status);
            Assert.Null(stored.Tokens);
        }

        Assert.Equal(IntegrationStatus.Active, (await host.Store.GetAsync(Alice, other.Id))!.Status);
        Assert.Equal([IntegrationEventType.Revoked, IntegrationEventType.Revoked], host.Events.Types);
        Assert.Equal(new[] { alices.Id, bobs.Id }.Order(), host.Events.Events.Select(e => e.Integration.Id).Order());
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(alices.Key).AsTask());
        Assert.Equal(IntegrationErrorCode.IntegrationInactive, error.Code);
    }

    [Fact]
    public async Task An_activity_created_long_before_the_cursor_is_fetched_by_a_webhook_sync()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        var list = ActivitiesApi.Serve(host, p => p.Page == 1 ? Fixture.Text("activities-page-1.json") : "[]");
        var detail = RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/" + HappyFriday, HttpStatusCode.OK, Fixture.Text("activity-detail.json"));
        var integration = await host.AddIntegrationAsync();
        await host.Sync.RunAsync(integration.Key, new SyncRequest());
        host.Time.Advance(TimeSpan.FromMinutes(1));

        // Happy Friday started in February, months before the cursor's overlap window.
        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json")));
        await response.Processing;

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, detail.Count);
        Assert.Equal("#test", host.Activities.Rows[HappyFriday].Description);
        Assert.Equal(["upsert:154504250376823", "upsert:" + Bondcliff, "upsert:" + HappyFriday], host.Activities.Writes);
        var run = (await host.Sync.GetHistoryAsync(integration.Key, new SyncHistoryQuery())).Runs[0];
        Assert.Equal(SyncRunType.Webhook, run.Type);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.NotNull(ActivitiesApi.Read(list.Requests[^1]).After);
    }

    [Fact]
    public async Task A_deleted_activity_is_deleted_locally_even_while_the_list_still_shows_it()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        ActivitiesApi.Serve(host, p => p.Page == 1 ? Fixture.Text("activities-page-1.json") : "[]");
        var integration = await host.AddIntegrationAsync();
        await host.Sync.RunAsync(integration.Key, new SyncRequest());

        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-delete.json")));
        await response.Processing;

        Assert.Equal("delete:" + Bondcliff, host.Activities.Writes[^1]);
        Assert.False(host.Activities.Rows.ContainsKey(Bondcliff));
        Assert.True(host.Activities.Rows.ContainsKey("154504250376823"));
    }

    [Fact]
    public async Task An_update_of_an_activity_Strava_no_longer_shows_deletes_the_local_copy()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        ActivitiesApi.Serve(host, p => p.Page == 1 ? Fixture.Text("activities-page-1.json") : "[]");
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/" + Bondcliff, HttpStatusCode.NotFound, Fixture.Text("fault-record-not-found.json"));
        var integration = await host.AddIntegrationAsync();
        await host.Sync.RunAsync(integration.Key, new SyncRequest());

        // Made "Only You": an application without activity:read_all can no longer read it.
        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-update.json").Replace("1360128428", Bondcliff)));
        await response.Processing;

        Assert.False(host.Activities.Rows.ContainsKey(Bondcliff));
    }

    [Fact]
    public async Task An_activity_a_webhook_fetched_while_the_list_lags_survives_the_next_sync()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        ActivitiesApi.Serve(host, _ => "[]");
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/" + HappyFriday, HttpStatusCode.OK, Fixture.Text("activity-detail.json"));
        var integration = await host.AddIntegrationAsync();
        var delivery = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json")));
        await delivery.Processing;

        // The athlete's list still says nothing: an incremental read, not a full pass that reconciles.
        var run = (await host.Sync.RunAsync(integration.Key, new SyncRequest())).Single();

        Assert.False(run.IsFullResync);
        Assert.Equal(["upsert:" + HappyFriday], host.Activities.Writes);
        Assert.True(host.Activities.Rows.ContainsKey(HappyFriday));
    }

    [Fact]
    public async Task A_duplicate_delivery_has_the_effect_of_one()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        ActivitiesApi.Serve(host, _ => "[]");
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/" + HappyFriday, HttpStatusCode.OK, Fixture.Text("activity-detail.json"));
        var integration = await host.AddIntegrationAsync();

        var deliveries = new[]
        {
            await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json"))),
            await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json"))),
        };
        await Task.WhenAll(deliveries.Select(d => d.Processing));
        var late = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json")));
        await late.Processing;

        Assert.Equal(["upsert:" + HappyFriday], host.Activities.Writes);
        Assert.All((await host.Sync.GetHistoryAsync(integration.Key, new SyncHistoryQuery())).Runs, r => Assert.Equal(SyncRunStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task The_event_is_acknowledged_before_it_is_processed()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ActivitiesApi.Serve(host, _ => "[]");
        host.Http.When(HttpMethod.Get, Api + "activities/" + HappyFriday).Respond(async () =>
        {
            await release.Task;
            return Json(HttpStatusCode.OK, Fixture.Text("activity-detail.json"));
        });
        await host.AddIntegrationAsync();

        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json")));

        Assert.Equal(200, response.StatusCode);
        Assert.False(response.Processing.IsCompleted);
        release.SetResult();
        await response.Processing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(host.Activities.Rows.ContainsKey(HappyFriday));
    }

    [Fact]
    public async Task An_event_for_an_athlete_nobody_connected_is_acknowledged_and_ignored()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        await host.AddIntegrationAsync(athleteId: "999");

        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-create.json")));
        await response.Processing;

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(host.Activities.Writes);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Events_can_be_queued_by_the_host_and_processed_later()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 120475);
        var integration = await host.AddIntegrationAsync();
        var queued = StravaWebhookEvent.Parse(Fixture.Bytes("event-deauthorization.json"));

        await host.Webhooks.ProcessEventAsync(queued);

        Assert.Equal(IntegrationStatus.Revoked, (await host.Store.GetAsync(Alice, integration.Id))!.Status);
    }
}
