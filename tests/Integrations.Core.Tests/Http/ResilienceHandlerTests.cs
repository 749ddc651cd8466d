using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Integrations.Internal;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Http;

public sealed class ResilienceHandlerTests : IDisposable
{
    private readonly HttpTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Transient_status_is_retried_until_success(HttpStatusCode status)
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(status);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(status);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _host.Recorder.Count);
        _host.Mock.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task Permanent_status_is_returned_without_retry(HttpStatusCode status)
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(status);

        using var response = await _host.GetAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, _host.Recorder.Count);
    }

    [Fact]
    public async Task Network_failure_is_retried_until_success()
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Throw(new HttpRequestException("connection refused", null, HttpStatusCode.ServiceUnavailable));
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _host.Recorder.Count);
    }

    [Fact]
    public async Task Network_failure_on_every_attempt_surfaces_as_a_transient_connection_error()
    {
        for (var i = 0; i < 4; i++)
        {
            _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Throw(new HttpRequestException("connection refused"));
        }

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.GetAsync());

        Assert.Equal(IntegrationErrorCode.ConnectionError, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(HttpTestHost.Integration.Id, error.IntegrationId);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(4, _host.Recorder.Count);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_and_returns_the_last_response_disposing_the_others()
    {
        using var host = new HttpTestHost(o => o.MaxRetryAttempts = 2);
        var contents = new List<TrackedContent>();
        for (var i = 0; i < 3; i++)
        {
            host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(_ =>
            {
                var response = TrackedContent.Response(HttpStatusCode.ServiceUnavailable, out var content);
                contents.Add(content);
                return response;
            });
        }

        using var last = await host.GetAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, last.StatusCode);
        Assert.Equal(3, host.Recorder.Count);
        Assert.Equal([true, true, false], contents.Select(c => c.IsDisposed));
        Assert.Same(contents[2], last.Content);
    }

    [Fact]
    public Task Retry_after_delta_is_waited_for_exactly_on_the_clock() =>
        AssertRetryWaitsForAsync(() => new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), TimeSpan.FromSeconds(7));

    [Fact]
    public Task Retry_after_date_is_measured_against_the_time_provider() =>
        AssertRetryWaitsForAsync(() => new RetryConditionHeaderValue(_host.Clock.GetUtcNow().AddSeconds(12)), TimeSpan.FromSeconds(12));

    [Fact]
    public async Task Retry_after_longer_than_the_cap_returns_the_response_without_waiting()
    {
        using var host = new HttpTestHost(o => o.MaxRetryAfter = TimeSpan.FromSeconds(60));
        host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(_ => WithRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(61))));

        // No clock movement: the response must come back at once.
        using var response = await host.CreateClient().GetAsync(HttpTestHost.Url).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(61), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, host.Recorder.Count);
    }

    [Fact]
    public async Task Post_is_not_retried_by_default()
    {
        _host.Mock.Expect(HttpMethod.Post, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await _host.SendAsync(new HttpRequestMessage(HttpMethod.Post, HttpTestHost.Url) { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _host.Recorder.Count);
    }

    [Fact]
    public async Task Post_is_retried_when_the_client_opts_in()
    {
        using var host = new HttpTestHost(o => o.RetryNonIdempotentMethods = true);
        host.Mock.Expect(HttpMethod.Post, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);
        host.Mock.Expect(HttpMethod.Post, HttpTestHost.Url).Respond(HttpStatusCode.Created);

        using var response = await host.SendAsync(new HttpRequestMessage(HttpMethod.Post, HttpTestHost.Url) { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, host.Recorder.Count);
    }

    [Fact]
    public async Task Post_is_retried_when_the_request_opts_in()
    {
        _host.Mock.Expect(HttpMethod.Post, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);
        _host.Mock.Expect(HttpMethod.Post, HttpTestHost.Url).Respond(HttpStatusCode.Created);

        var request = new HttpRequestMessage(HttpMethod.Post, HttpTestHost.Url) { Content = new StringContent("{}") }.SetRetryable();
        using var response = await _host.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, _host.Recorder.Count);
    }

    [Fact]
    public async Task Get_is_not_retried_when_the_request_opts_out()
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await _host.SendAsync(new HttpRequestMessage(HttpMethod.Get, HttpTestHost.Url).SetRetryable(false));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _host.Recorder.Count);
    }

    [Fact]
    public async Task Attempt_timeout_cancels_the_slow_attempt_and_retries()
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(NeverAnswer);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        var send = _host.CreateClient().GetAsync(HttpTestHost.Url);
        await _host.Clock.WaitForTimerAsync(due => due == HttpTestHost.AttemptTimeout);
        _host.Clock.Advance(HttpTestHost.AttemptTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _host.Recorder.Count);
        Assert.False(send.IsCompleted);

        _host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await _host.Clock.CompleteAsync(send, HttpTestHost.AttemptTimeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _host.Recorder.Count);
    }

    [Fact]
    public async Task Attempt_timeout_on_the_last_attempt_surfaces_as_a_transient_connection_error()
    {
        using var host = new HttpTestHost(o => o.MaxRetryAttempts = 0);
        host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(NeverAnswer);

        var send = host.CreateClient().GetAsync(HttpTestHost.Url);
        await host.Clock.WaitForTimerAsync(due => due == HttpTestHost.AttemptTimeout);
        host.Clock.Advance(HttpTestHost.AttemptTimeout);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(IntegrationErrorCode.ConnectionError, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(1, host.Recorder.Count);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_retry_wait_stops_the_retries()
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);
        using var cancellation = new CancellationTokenSource();

        var send = _host.CreateClient().GetAsync(HttpTestHost.Url, cancellation.Token);
        await _host.Clock.WaitForTimerAsync(due => due != HttpTestHost.AttemptTimeout);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, _host.Recorder.Count);
    }

    [Fact]
    public async Task Each_retry_is_counted_in_the_retry_metric_tagged_with_the_client_name()
    {
        var meter = _host.Services.GetRequiredService<IntegrationsTelemetry>().Meter;
        long retries = 0;
        string? client = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "integrations.http.retries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref retries, value);
            foreach (var tag in tags)
            {
                if (tag.Key == "client")
                {
                    client = tag.Value as string;
                }
            }
        });
        listener.Start();
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.TooManyRequests);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.BadGateway);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        using var response = await _host.GetAsync();

        Assert.Equal(2, Interlocked.Read(ref retries));
        Assert.Equal(HttpTestHost.ClientName, client);
    }

    // The retry must be sent when the fake clock reaches the wait the provider asked for, not a tick before.
    private async Task AssertRetryWaitsForAsync(Func<RetryConditionHeaderValue> retryAfter, TimeSpan expectedWait)
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(_ => WithRetryAfter(retryAfter()));
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        var send = _host.CreateClient().GetAsync(HttpTestHost.Url);
        Assert.Equal(expectedWait, await _host.Clock.WaitForTimerAsync(due => due != HttpTestHost.AttemptTimeout));

        _host.Clock.Advance(expectedWait - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _host.Recorder.Count);
        Assert.False(send.IsCompleted);

        _host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _host.Recorder.Count);
    }

    private static HttpResponseMessage WithRetryAfter(RetryConditionHeaderValue retryAfter) =>
        new(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = retryAfter } };

    // A server that never answers; MockHttp completes the request as cancelled when its token fires.
    private static Task<HttpResponseMessage> NeverAnswer(HttpRequestMessage request) => new TaskCompletionSource<HttpResponseMessage>().Task;
}
