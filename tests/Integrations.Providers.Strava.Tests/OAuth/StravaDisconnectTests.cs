using System.Net;
using Integrations.Providers.Strava.Tests.Support;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.OAuth;

public sealed class StravaDisconnectTests
{
    [Fact]
    public async Task Disconnect_deauthorizes_the_athlete_with_the_access_token_and_deletes_the_integration()
    {
        await using var host = new StravaTestHost();
        var deauthorize = RecordedRequests.On(host.Http, HttpMethod.Post, DeauthorizeEndpoint, HttpStatusCode.OK, Fixture.Text("deauthorize.json"));
        var integration = await host.AddIntegrationAsync();

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.True(host.Provider.SupportsRevocation);
        Assert.Equal(new Dictionary<string, string> { ["access_token"] = "access-alice" }, deauthorize.Form);
        Assert.Null(await host.Store.GetAsync(Alice, integration.Id));
        Assert.Equal([IntegrationEventType.Disconnected], host.Events.Types);
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_first_so_the_deauthorization_is_accepted()
    {
        await using var host = new StravaTestHost();
        var token = RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-refresh.json"));
        var deauthorize = RecordedRequests.On(host.Http, HttpMethod.Post, DeauthorizeEndpoint, HttpStatusCode.OK, Fixture.Text("deauthorize.json"));
        var integration = await host.AddIntegrationAsync();
        host.Time.Advance(TimeSpan.FromHours(8));

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Equal("refresh-alice", token.Form["refresh_token"]);
        Assert.Equal("a9b723rotated2", deauthorize.Form["access_token"]);
        Assert.Null(await host.Store.GetAsync(Alice, integration.Id));
    }

    [Fact]
    public async Task A_grant_Strava_already_ended_counts_as_deauthorized()
    {
        await using var host = new StravaTestHost();
        var deauthorize = RecordedRequests.On(host.Http, HttpMethod.Post, DeauthorizeEndpoint, HttpStatusCode.Unauthorized, Fixture.Text("fault-access-token-invalid.json"));

        await host.Provider.RevokeAsync(new TokenSet("access-alice") { RefreshToken = "refresh-alice", ExpiresAt = Start.AddHours(1) });

        Assert.Equal(1, deauthorize.Count);
    }

    [Fact]
    public async Task An_expired_token_whose_refresh_token_is_dead_needs_no_deauthorization()
    {
        await using var host = new StravaTestHost();
        var token = RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.BadRequest, Fixture.Text("fault-refresh-token-invalid.json"));

        await host.Provider.RevokeAsync(new TokenSet("access-alice") { RefreshToken = "refresh-alice", ExpiresAt = Start.AddHours(-1) });

        // Nothing registered answers the deauthorization endpoint: MockHttp would have thrown.
        Assert.Equal(1, token.Count);
    }

    [Fact]
    public async Task A_deauthorization_failing_at_Strava_still_deletes_the_integration()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, DeauthorizeEndpoint, _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502</html>") });
        var integration = await host.AddIntegrationAsync();

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Null(await host.Store.GetAsync(Alice, integration.Id));
    }
}
