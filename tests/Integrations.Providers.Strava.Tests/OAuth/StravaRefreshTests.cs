using System.Net;
using Integrations.Providers.Strava.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.OAuth;

public sealed class StravaRefreshTests
{
    [Fact]
    public async Task The_rotated_refresh_token_is_stored_before_the_new_access_token_is_handed_out()
    {
        var store = new GatedIntegrationStore();
        await using var host = new StravaTestHost(services: s => s.AddSingleton<IIntegrationStore>(store));
        var token = RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-refresh.json"));
        var integration = await host.AddIntegrationAsync();
        host.Time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1));

        var caller = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        var written = await store.TokenWriteStarted;

        // The write is held: the caller has nothing yet, and what is being written is the rotated pair.
        Assert.False(caller.IsCompleted);
        var pending = host.Protector.Unprotect(Alice, written.Tokens!);
        Assert.Equal("b5c569rotated2", pending.RefreshToken);
        Assert.Equal("a9b723rotated2", pending.AccessToken);
        store.Release();
        var handedOut = await caller;

        Assert.Equal("a9b723rotated2", handedOut.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772495760), handedOut.ExpiresAt);
        Assert.Equal("b5c569rotated2", (await host.StoredTokensAsync(integration)).RefreshToken);
        Assert.Equal(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "refresh-alice", ["client_id"] = ClientId, ["client_secret"] = ClientSecret },
            token.Form);
        Assert.Equal([IntegrationEventType.TokenRefreshed], host.Events.Types);
    }

    [Fact]
    public async Task An_unchanged_access_token_in_a_refresh_response_is_normal_and_the_new_refresh_token_is_kept()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-refresh-same-access.json"));
        var integration = await host.AddIntegrationAsync(tokens: new TokenSet("a4b945687g1") { RefreshToken = "e5n567567rt1", ExpiresAt = Start.AddHours(6) });
        host.Time.Advance(TimeSpan.FromMinutes(280));

        // More than an hour is left, so Strava answers with the same access token (and may rotate the refresh token).
        var refreshed = await host.Tokens.RefreshAccessTokenAsync(integration.Key, rejectedToken: null);

        Assert.Equal("a4b945687g1", refreshed.Value);
        var stored = await host.Store.GetAsync(Alice, integration.Id);
        Assert.Equal(IntegrationStatus.Active, stored!.Status);
        Assert.Equal(0, stored.Health.ConsecutiveErrors);
        Assert.Equal("b5c569rotated3", (await host.StoredTokensAsync(integration)).RefreshToken);
        Assert.Equal([IntegrationEventType.TokenRefreshed], host.Events.Types);
    }

    [Fact]
    public async Task A_revoked_refresh_token_marks_the_integration_for_reauthorization()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.BadRequest, Fixture.Text("fault-refresh-token-invalid.json"));
        var integration = await host.AddIntegrationAsync();
        host.Time.Advance(TimeSpan.FromHours(7));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.Store.GetAsync(Alice, integration.Id))!.Status);
        Assert.Equal([IntegrationEventType.ReauthorizationRequired], host.Events.Types);
    }

    [Theory]
    [InlineData(null, null, 450)]
    [InlineData("90", null, 90)]
    [InlineData(null, "101,2000", 42750)]
    public async Task A_throttled_refresh_says_when_Strava_takes_requests_again(string? retryAfter, string? usage, int expectedSeconds)
    {
        await using var host = new StravaTestHost();
        var headers = new List<(string, string)>();
        if (retryAfter is not null)
        {
            headers.Add(("Retry-After", retryAfter));
        }

        if (usage is not null)
        {
            headers.AddRange(RateLimits("200,2000", usage));
        }

        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.TooManyRequests, Fixture.Text("fault-rate-limit.json"), headers: [.. headers]);
        var integration = await host.AddIntegrationAsync();
        host.Time.Advance(new TimeSpan(0, 7, 30));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.RefreshAsync(new TokenRefreshContext(integration, new TokenSet("a") { RefreshToken = "r" })));

        // At 12:07:30: the next quarter hour is 7 min 30 s away, midnight UTC 11 h 52 min 30 s.
        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), error.RetryAfter);
    }

    [Fact]
    public async Task A_refresh_answered_with_html_is_invalid_response_and_keeps_the_tokens()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>", System.Text.Encoding.UTF8, "text/html") });
        var integration = await host.AddIntegrationAsync();
        host.Time.Advance(TimeSpan.FromHours(7));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Equal("refresh-alice", (await host.StoredTokensAsync(integration)).RefreshToken);
        Assert.Equal(IntegrationStatus.Active, (await host.Store.GetAsync(Alice, integration.Id))!.Status);
    }
}
