using System.Net;
using Integrations.Providers.Strava.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.Providers.Strava.Tests.Support.StravaTestHost;

namespace Integrations.Providers.Strava.Tests.Http;

public sealed class StravaApiErrorTests
{
    private static readonly StravaActivityQuery FirstPage = new();

    [Fact]
    public async Task A_missing_scope_is_permission_denied_without_refreshing_the_tokens()
    {
        await using var host = new StravaTestHost();
        var token = RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-refresh.json"));
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.Unauthorized, Fixture.Text("fault-missing-read-permission.json"));
        var integration = await host.AddIntegrationAsync(scopes: "read");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.PermissionDenied, error.Code);
        Assert.Equal("AccessToken/activity:read_permission/missing", error.ProviderError);
        Assert.Contains("'activity:read'", error.Message, StringComparison.Ordinal);
        Assert.Equal(integration.Id, error.IntegrationId);
        Assert.Equal(0, token.Count);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task An_invalid_access_token_is_refreshed_once_and_then_needs_reauthorization()
    {
        await using var host = new StravaTestHost();
        var token = RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-refresh.json"));
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.Unauthorized, Fixture.Text("fault-access-token-invalid.json"));
        var integration = await host.AddIntegrationAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal("Athlete/access_token/invalid", error.ProviderError);
        Assert.Equal(1, token.Count);
        Assert.Equal(["Bearer access-alice", "Bearer a9b723rotated2"], api.Authorizations);
        Assert.Equal("b5c569rotated2", (await host.StoredTokensAsync(integration)).RefreshToken);
    }

    [Fact]
    public async Task An_invalid_access_token_that_the_refresh_returns_unchanged_is_not_sent_again()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Post, TokenEndpoint, HttpStatusCode.OK, Fixture.Text("token-refresh-same-access.json"));
        var api = RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.Unauthorized, Fixture.Text("fault-access-token-invalid.json"));
        var integration = await host.AddIntegrationAsync(tokens: new TokenSet("a4b945687g1") { RefreshToken = "e5n567567rt1", ExpiresAt = Start.AddHours(6) });

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(1, api.Count);
    }

    [Fact]
    public async Task A_server_error_page_is_provider_unavailable_and_transient()
    {
        await using var host = new StravaTestHost(services: s => s.Configure<IntegrationResilienceOptions>(StravaDefaults.ApiClientName(StravaDefaults.ProviderName), o => o.MaxRetryAttempts = 0));
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><h1>502 Bad Gateway</h1></html>", System.Text.Encoding.UTF8, "text/html") });
        var integration = await host.AddIntegrationAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.Null(error.ProviderError);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("Mon, 02 Mar 2026 11:59:00 GMT", 0)]
    public async Task A_server_error_carries_the_wait_Retry_After_asks_for_and_never_a_negative_one(string retryAfter, int seconds)
    {
        await using var host = new StravaTestHost(services: s => s.Configure<IntegrationResilienceOptions>(StravaDefaults.ApiClientName(StravaDefaults.ProviderName), o => o.MaxRetryAttempts = 0));
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, HttpStatusCode.ServiceUnavailable, "{}", headers: ("Retry-After", retryAfter));
        var integration = await host.AddIntegrationAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Please log in</body></html>")]
    [InlineData("application/json", "[{\"id\": 1, \"name\": ")]
    [InlineData("application/json", "{\"message\":\"not a list\"}")]
    [InlineData("application/json", "[{\"id\": \"one\"}]")]
    public async Task A_success_whose_body_is_not_the_documented_json_is_invalid_response(string mediaType, string body)
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) });
        var integration = await host.AddIntegrationAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Equal(200, error.StatusCode);
    }

    [Fact]
    public async Task A_body_beyond_the_size_limit_is_invalid_response()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, ActivitiesUrl, _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new EndlessZeros(64L * 1024 * 1024)),
        });
        var integration = await host.AddIntegrationAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.GetActivitiesAsync(integration.Key, FirstPage));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_Strava_does_not_show_reads_as_null()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Get, Api + "activities/1360128428", HttpStatusCode.NotFound, Fixture.Text("fault-record-not-found.json"));
        var integration = await host.AddIntegrationAsync();

        Assert.Null(await host.Client.GetActivityAsync(integration.Key, 1360128428));
    }

    [Fact]
    public async Task A_write_without_activity_write_is_permission_denied()
    {
        await using var host = new StravaTestHost();
        RecordedRequests.On(host.Http, HttpMethod.Put, Api + "activities/12345678987654321", HttpStatusCode.Unauthorized, Fixture.Text("fault-missing-write-permission.json"));
        var integration = await host.AddIntegrationAsync(scopes: ["read", "activity:read_all"]);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Client.UpdateActivityAsync(integration.Key, 12345678987654321, new StravaActivityUpdate { Name = "Renamed" }));

        Assert.Equal(IntegrationErrorCode.PermissionDenied, error.Code);
        Assert.Contains("'activity:write'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A seekable stream of zeros that claims a length and never allocates it.</summary>
    private sealed class EndlessZeros(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - Position);
            Array.Clear(buffer, offset, read);
            Position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
