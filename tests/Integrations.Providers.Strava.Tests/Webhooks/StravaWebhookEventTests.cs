using System.Net;
using System.Text;
using Integrations.Providers.Strava.Tests.Support;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.Webhooks;

public sealed class StravaWebhookEventTests
{
    private const long SubscriptionId = 120475;

    [Fact]
    public void Events_are_read_with_64_bit_ids_and_string_updates()
    {
        var update = StravaWebhookEvent.Parse(Fixture.Bytes("event-activity-update.json"));
        var flags = StravaWebhookEvent.Parse(Fixture.Bytes("event-activity-private.json"));

        Assert.Equal("activity", update.ObjectType);
        Assert.Equal(1360128428, update.ObjectId);
        Assert.Equal("update", update.AspectType);
        Assert.Equal(134815, update.OwnerId);
        Assert.Equal(SubscriptionId, update.SubscriptionId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1516126040), update.EventTime);
        Assert.Equal("Messy", update.Updates["title"]);
        Assert.Equal("true", flags.Updates["private"]);
        Assert.Equal("Run", flags.Updates["type"]);
        Assert.Equal(12345678987654321, StravaWebhookEvent.Parse(Fixture.Bytes("event-activity-create.json")).ObjectId);
    }

    [Theory]
    [InlineData("event-deauthorization.json")]
    [InlineData("event-deauthorization-boolean.json")]
    public void A_deauthorization_is_recognized_whether_false_is_a_string_or_a_boolean(string fixture)
    {
        var deauthorization = StravaWebhookEvent.Parse(Fixture.Bytes(fixture));

        Assert.True(deauthorization.IsDeauthorization);
        Assert.False(deauthorization.IsActivity);
        Assert.False(StravaWebhookEvent.Parse(Fixture.Bytes("event-activity-update.json")).IsDeauthorization);
    }

    [Theory]
    [InlineData("<html>hello</html>")]
    [InlineData("[]")]
    [InlineData("{\"object_type\":\"activity\",\"object_id\":1,\"aspect_type\":\"create\",\"owner_id\":1}")]
    [InlineData("{\"object_type\":\"activity\",\"object_id\":98765432123456789012345,\"aspect_type\":\"create\",\"owner_id\":1,\"subscription_id\":120475}")]
    [InlineData("{\"object_type\":\"activity\",\"object_id\":1,\"aspect_type\":\"create\",\"owner_id\":1,\"subscription_id\":120475")]
    public async Task A_malformed_event_is_refused_with_400_and_changes_nothing(string body)
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = SubscriptionId);
        var integration = await host.AddIntegrationAsync();

        var error = Assert.Throws<IntegrationException>(() => StravaWebhookEvent.Parse(Encoding.UTF8.GetBytes(body)));
        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(IntegrationErrorCode.WebhookFailed, error.Code);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal(integration, await host.Store.GetAsync(Alice, integration.Id));
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = SubscriptionId);

        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(new byte[StravaWebhookEvent.MaxBodyBytes + 10]));

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task An_event_for_another_subscription_is_rejected_and_changes_nothing()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.SubscriptionId = 999);
        var integration = await host.AddIntegrationAsync();

        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-deauthorization.json")));
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Webhooks.ProcessEventAsync(StravaWebhookEvent.Parse(Fixture.Bytes("event-deauthorization.json"))));

        Assert.Equal(403, response.StatusCode);
        Assert.Equal(IntegrationErrorCode.WebhookFailed, error.Code);
        Assert.Equal(IntegrationStatus.Active, (await host.Store.GetAsync(Alice, integration.Id))!.Status);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Without_a_configured_id_the_subscription_is_read_from_Strava_once()
    {
        await using var host = new StravaTestHost();
        var subscriptions = RecordedRequests.On(host.Http, HttpMethod.Get, Api + "push_subscriptions", HttpStatusCode.OK, Fixture.Text("subscriptions.json"));
        await host.AddIntegrationAsync(athleteId: "555");

        var first = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-deauthorization.json")));
        var second = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-update.json")));
        var forged = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-update.json").AsSpan().ToArray().Replace("120475", "120476")));
        var forgedAgain = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-update.json").AsSpan().ToArray().Replace("120475", "120477")));

        Assert.Equal([200, 200, 403, 403], new[] { first.StatusCode, second.StatusCode, forged.StatusCode, forgedAgain.StatusCode });
        Assert.Equal(1, subscriptions.Count);
        Assert.Equal(ClientId, System.Web.HttpUtility.ParseQueryString(subscriptions.Requests[0].RequestUri!.Query)["client_id"]);
    }

    [Fact]
    public async Task When_Strava_cannot_tell_the_subscription_the_event_gets_503_so_Strava_tries_again()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "push_subscriptions", _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));

        var response = await host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-update.json")));

        Assert.Equal(503, response.StatusCode);
    }

    [Fact]
    public async Task A_subscription_lookup_held_by_the_rate_limit_does_not_delay_the_answer_beyond_Stravas_patience()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.OK, "[]", headers: RateLimits("200,2000", "200,400", "100,1000", "100,400"));
        var integration = await host.AddIntegrationAsync();
        await host.Client.GetActivitiesAsync(integration.Key, new StravaActivityQuery());

        var answer = host.Webhooks.HandleEventAsync(new MemoryStream(Fixture.Bytes("event-activity-update.json")));
        await host.Budget.WhenWaitingAsync(1);
        host.Time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(503, (await answer).StatusCode);
    }
}

internal static class ByteReplace
{
    public static byte[] Replace(this byte[] bytes, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(from, to, StringComparison.Ordinal));
}
