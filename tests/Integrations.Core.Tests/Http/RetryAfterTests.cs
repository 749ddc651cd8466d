using System.Net;
using System.Net.Http.Headers;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Http;

public sealed class RetryAfterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Delta_seconds_are_the_wait()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), response.GetRetryAfter(_time));
    }

    [Fact]
    public void An_http_date_is_measured_against_the_given_clock()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddMinutes(3));

        Assert.Equal(TimeSpan.FromMinutes(3), response.GetRetryAfter(_time));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(1), response.GetRetryAfter(_time));
    }

    [Fact]
    public void A_date_in_the_past_means_no_wait_and_no_header_means_null()
    {
        using var past = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddMinutes(-1));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.Zero, past.GetRetryAfter(_time));
        Assert.Null(none.GetRetryAfter(_time));
    }
}
