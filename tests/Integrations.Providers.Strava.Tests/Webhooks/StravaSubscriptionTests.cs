using System.Net;
using System.Web;
using Integrations.Providers.Strava.Tests.Support;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.Webhooks;

public sealed class StravaSubscriptionTests
{
    private static readonly Uri Callback = new("https://app.example.com/webhooks/strava");

    [Fact]
    public async Task Ensure_returns_the_existing_subscription_instead_of_creating_a_second()
    {
        await using var host = new StravaTestHost();
        var list = RecordedRequests.On(host.Http, HttpMethod.Get, Api + "push_subscriptions", HttpStatusCode.OK, Fixture.Text("subscriptions.json"));

        var subscription = await host.Subscriptions.EnsureSubscriptionAsync(Callback);

        Assert.Equal(120475, subscription.Id);
        Assert.Equal(12345, subscription.ApplicationId);
        Assert.Equal(Callback.AbsoluteUri, subscription.CallbackUrl);
        Assert.Equal(new DateTimeOffset(2018, 8, 29, 5, 15, 38, 405, TimeSpan.Zero), subscription.CreatedAt);
        var query = HttpUtility.ParseQueryString(list.Request.RequestUri!.Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal(ClientSecret, query["client_secret"]);
    }

    [Fact]
    public async Task Ensure_creates_the_subscription_when_the_application_has_none()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "push_subscriptions", HttpStatusCode.OK, Fixture.Text("subscriptions-none.json"));
        var create = RecordedRequests.On(host.Http, HttpMethod.Post, Api + "push_subscriptions", HttpStatusCode.Created, Fixture.Text("subscription-created.json"));

        var subscription = await host.Subscriptions.EnsureSubscriptionAsync(Callback);

        Assert.Equal(120475, subscription.Id);
        Assert.Equal(Callback.AbsoluteUri, subscription.CallbackUrl);
        Assert.Equal(
            new Dictionary<string, string> { ["client_id"] = ClientId, ["client_secret"] = ClientSecret, ["callback_url"] = Callback.AbsoluteUri, ["verify_token"] = VerifyToken },
            create.Form);
    }

    [Fact]
    public async Task Ensure_refuses_to_replace_a_subscription_that_calls_another_url()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "push_subscriptions", HttpStatusCode.OK, Fixture.Text("subscriptions.json"));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Subscriptions.EnsureSubscriptionAsync(new Uri("https://other.example.com/hook")));

        Assert.Equal(IntegrationErrorCode.WebhookFailed, error.Code);
        Assert.Contains("120475", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_creation_is_webhook_failed()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, Api + "push_subscriptions", HttpStatusCode.BadRequest, Fixture.Text("fault-subscription-exists.json"));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Subscriptions.CreateSubscriptionAsync(Callback));

        Assert.Equal(IntegrationErrorCode.WebhookFailed, error.Code);
        Assert.Equal("PushSubscription//already_exists", error.ProviderError);
        Assert.DoesNotContain(ClientSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_needs_a_verify_token_and_a_short_absolute_callback()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.VerifyToken = null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Subscriptions.CreateSubscriptionAsync(Callback));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Subscriptions.CreateSubscriptionAsync(new Uri("https://app.example.com/" + new string('x', 250))));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Subscriptions.CreateSubscriptionAsync(new Uri("/relative", UriKind.Relative)));
    }

    [Theory]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Delete_sends_the_application_credentials_and_a_missing_subscription_counts_as_deleted(HttpStatusCode status)
    {
        await using var host = new StravaTestHost();
        var delete = RecordedRequests.On(host.Http, HttpMethod.Delete, Api + "push_subscriptions/120475", _ => new HttpResponseMessage(status));

        await host.Subscriptions.DeleteSubscriptionAsync(120475);

        var query = HttpUtility.ParseQueryString(delete.Request.RequestUri!.Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal(ClientSecret, query["client_secret"]);
    }

    [Fact]
    public async Task Subscription_calls_feed_the_same_rate_limit_budget()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "push_subscriptions", HttpStatusCode.OK, Fixture.Text("subscriptions.json"), headers: RateLimits("200,2000", "17,170", "100,1000", "17,170"));

        await host.Subscriptions.GetSubscriptionAsync();

        Assert.Equal(new StravaRateLimitUsage(200, 17, 2000, 170, null), host.Budget.GetSnapshot().Overall);
    }
}
