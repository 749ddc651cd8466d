using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Http;

public sealed class EnsureIntegrationSuccessTests
{
    // Error envelopes as the providers document them (see shared/reference/providers.md).
    private const string GoogleRateLimit = """
        {"error":{"errors":[{"domain":"usageLimits","reason":"rateLimitExceeded","message":"Rate Limit Exceeded"}],"code":403,"message":"Rate Limit Exceeded"}}
        """;

    private const string GoogleQuota = """
        {"error":{"errors":[{"domain":"usageLimits","reason":"quotaExceeded","message":"Calendar usage limits exceeded."}],"code":403,"message":"Calendar usage limits exceeded."}}
        """;

    private const string GoogleForbidden = """
        {"error":{"errors":[{"domain":"global","reason":"insufficientPermissions","message":"Insufficient Permission"}],"code":403,"message":"Insufficient Permission"}}
        """;

    private const string GraphResourceModified = """
        {"error":{"code":"resourceModified","message":"The resource has been modified.","innerError":{"request-id":"7d1c3f7e","date":"2026-01-01T12:00:00"}}}
        """;

    private const string GraphInvalidToken = """
        {"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"request-id":"1","date":"2026-01-01T12:00:00"}}}
        """;

    private const string StravaRateLimit = """
        {"message":"Rate Limit Exceeded","errors":[{"resource":"Application","field":"rate limit","code":"exceeded"}]}
        """;

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, IntegrationErrorCode.InvalidRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, IntegrationErrorCode.ReauthorizationRequired, false)]
    [InlineData(HttpStatusCode.Forbidden, IntegrationErrorCode.PermissionDenied, false)]
    [InlineData(HttpStatusCode.NotFound, IntegrationErrorCode.InvalidRequest, false)]
    [InlineData(HttpStatusCode.RequestTimeout, IntegrationErrorCode.ConnectionError, true)]
    [InlineData(HttpStatusCode.Conflict, IntegrationErrorCode.ConcurrencyConflict, false)]
    [InlineData(HttpStatusCode.PreconditionFailed, IntegrationErrorCode.ConcurrencyConflict, false)]
    [InlineData(HttpStatusCode.TooManyRequests, IntegrationErrorCode.RateLimitExceeded, true)]
    [InlineData(HttpStatusCode.InternalServerError, IntegrationErrorCode.ProviderUnavailable, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, IntegrationErrorCode.ProviderUnavailable, true)]
    [InlineData(HttpStatusCode.BadGateway, IntegrationErrorCode.ProviderUnavailable, true)]
    [InlineData(HttpStatusCode.NotImplemented, IntegrationErrorCode.ProviderUnavailable, false)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported, IntegrationErrorCode.ProviderUnavailable, false)]
    [InlineData(HttpStatusCode.MovedPermanently, IntegrationErrorCode.InvalidResponse, false)]
    public async Task Status_maps_to_a_typed_error(HttpStatusCode status, IntegrationErrorCode code, bool transient)
    {
        var response = new HttpResponseMessage(status);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("acme").AsTask());

        Assert.Equal(code, error.Code);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal("acme", error.Provider);
    }

    [Fact]
    public async Task Success_returns_and_leaves_the_response_readable()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"items":[]}""") };

        await response.EnsureIntegrationSuccessAsync("acme");

        Assert.Equal("""{"items":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(GoogleRateLimit, IntegrationErrorCode.RateLimitExceeded, "rateLimitExceeded")]
    [InlineData(GoogleQuota, IntegrationErrorCode.ApiQuotaExceeded, "quotaExceeded")]
    [InlineData(GoogleForbidden, IntegrationErrorCode.PermissionDenied, "insufficientPermissions")]
    public async Task Google_403_reasons_are_told_apart(string body, IntegrationErrorCode code, string reason)
    {
        var response = Json(HttpStatusCode.Forbidden, body);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("google").AsTask());

        Assert.Equal(code, error.Code);
        Assert.Equal(reason, error.ProviderError);
        Assert.Equal(code == IntegrationErrorCode.RateLimitExceeded, error.IsTransient);
    }

    [Fact]
    public async Task Graph_error_code_is_read_from_the_envelope()
    {
        var response = Json(HttpStatusCode.PreconditionFailed, GraphResourceModified);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("microsoft").AsTask());

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
        Assert.Equal("resourceModified", error.ProviderError);
    }

    [Fact]
    public async Task Rate_limit_carries_retry_after_as_delta_or_date()
    {
        var clock = new FakeTimeProvider();
        var delta = Json(HttpStatusCode.TooManyRequests, StravaRateLimit);
        delta.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(90));
        var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddMinutes(2));

        var byDelta = await Assert.ThrowsAsync<IntegrationException>(() => delta.EnsureIntegrationSuccessAsync("strava", clock).AsTask());
        var byDate = await Assert.ThrowsAsync<IntegrationException>(() => date.EnsureIntegrationSuccessAsync("strava", clock).AsTask());

        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, byDelta.Code);
        Assert.Equal(TimeSpan.FromSeconds(90), byDelta.RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(2), byDate.RetryAfter);
    }

    [Fact]
    public async Task Html_error_page_gives_a_typed_error_without_a_provider_code()
    {
        var response = new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body><h1>502 Bad Gateway</h1></body></html>", Encoding.UTF8, "text/html"),
        };

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("acme").AsTask());

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.Null(error.ProviderError);
        Assert.DoesNotContain("html", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"error":""")]
    [InlineData("not json at all")]
    [InlineData("""["error"]""")]
    public async Task Broken_json_error_body_is_ignored(string body)
    {
        var response = Json(HttpStatusCode.BadRequest, body);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("acme").AsTask());

        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
        Assert.Null(error.ProviderError);
    }

    [Fact]
    public async Task Oversized_error_body_is_not_parsed()
    {
        var padding = new string(' ', 70 * 1024);
        var response = Json(HttpStatusCode.BadRequest, "{\"error\":\"invalid_request\"," + padding + "\"x\":1}");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("acme").AsTask());

        Assert.Null(error.ProviderError);
    }

    [Fact]
    public async Task Token_values_in_the_body_or_url_never_reach_the_message()
    {
        const string Secret = "ya29.a0AfB_secret-access-token";
        var response = Json(HttpStatusCode.Unauthorized, $$"""{"error":"{{Secret}} is invalid","access_token":"{{Secret}}"}""");
        response.RequestMessage = new HttpRequestMessage(HttpMethod.Get, $"https://api.example.test/items?access_token={Secret}")
            .SetIntegration(HttpTestHost.Integration);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("acme").AsTask());

        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Null(error.ProviderError); // not an identifier: dropped rather than echoed
        Assert.Equal(HttpTestHost.Integration.Id, error.IntegrationId);
        Assert.Contains("api.example.test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_response_is_disposed()
    {
        var content = new TrackedContent();
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = content };

        await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("microsoft").AsTask());

        Assert.True(content.IsDisposed);
    }

    [Fact]
    public async Task Graph_401_keeps_its_provider_code()
    {
        var response = Json(HttpStatusCode.Unauthorized, GraphInvalidToken);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => response.EnsureIntegrationSuccessAsync("microsoft").AsTask());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal("InvalidAuthenticationToken", error.ProviderError);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
