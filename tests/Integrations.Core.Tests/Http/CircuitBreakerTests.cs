using System.Net;
using Integrations.Internal;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Http;

public sealed class CircuitBreakerTests : IDisposable
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    // One attempt per call, so each call is one sample; two failures in a row open the circuit.
    private readonly HttpTestHost _host = new(o =>
    {
        o.MaxRetryAttempts = 0;
        o.CircuitBreakerMinimumThroughput = 2;
        o.CircuitBreakerFailureRatio = 0.5;
        o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
        o.CircuitBreakerBreakDuration = BreakDuration;
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Circuit_opens_after_failures_and_rejects_without_calling_the_provider()
    {
        await FailTwiceAsync(_host.CreateClient());

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.CreateClient().GetAsync(HttpTestHost.Url));

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(BreakDuration, error.RetryAfter);
        Assert.Equal(2, _host.Recorder.Count);
    }

    [Fact]
    public async Task Circuit_half_opens_after_the_break_and_closes_on_success()
    {
        await FailTwiceAsync(_host.CreateClient());
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        _host.Clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<IntegrationException>(() => _host.CreateClient().GetAsync(HttpTestHost.Url));
        _host.Clock.Advance(TimeSpan.FromMilliseconds(1));

        using var probe = await _host.CreateClient().GetAsync(HttpTestHost.Url);
        using var next = await _host.CreateClient().GetAsync(HttpTestHost.Url);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(4, _host.Recorder.Count);
    }

    [Fact]
    public async Task Circuit_state_survives_handler_rotation()
    {
        // Build two handler chains the way IHttpClientFactory does when it rotates an expired one.
        using var first = BuildChain();
        using var second = BuildChain();
        var firstHandler = Find<IntegrationResilienceHandler>(first);
        var secondHandler = Find<IntegrationResilienceHandler>(second);
        Assert.NotSame(firstHandler, secondHandler);
        Assert.Same(firstHandler.ResiliencePipeline, secondHandler.ResiliencePipeline);

        await FailTwiceAsync(new HttpClient(new IntegrationBindingHandler(HttpTestHost.Integration, first), disposeHandler: false));

        var rotated = new HttpClient(new IntegrationBindingHandler(HttpTestHost.Integration, second), disposeHandler: false);
        var error = await Assert.ThrowsAsync<IntegrationException>(() => rotated.GetAsync(HttpTestHost.Url));
        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.Equal(2, _host.Recorder.Count);
    }

    private async Task FailTwiceAsync(HttpClient client)
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.InternalServerError);
        using var first = await client.GetAsync(HttpTestHost.Url);
        using var second = await client.GetAsync(HttpTestHost.Url);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
    }

    private HttpMessageHandler BuildChain() => HttpTestHost.ConfigureHandlerBuilder(_host.Services, HttpTestHost.ClientName).Build();

    private static T Find<T>(HttpMessageHandler? handler)
        where T : HttpMessageHandler
    {
        while (handler is not null)
        {
            if (handler is T found)
            {
                return found;
            }

            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        throw new InvalidOperationException($"No {typeof(T).Name} in the chain.");
    }
}
