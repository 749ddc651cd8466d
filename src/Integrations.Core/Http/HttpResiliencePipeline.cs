using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Integrations.Internal;

/// <summary>
/// The Polly pipelines of one HttpClient name: <see cref="Retries"/> (retry) around
/// <see cref="Attempts"/> (circuit breaker, then per-attempt timeout). One instance per name lives in
/// <see cref="HttpResiliencePipelines"/>, so the circuit state outlives the handler instances
/// <c>IHttpClientFactory</c> rotates. They are two pipelines rather than one so that the common case,
/// a first attempt that needs no retry, skips the retry strategy's machinery (about a third of
/// Polly's cost per request); see <see cref="IntegrationResilienceHandler"/>.
/// </summary>
internal sealed class HttpResiliencePipeline
{
    /// <summary>Carries the request into the retry strategy's callbacks without a closure per call.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Integrations.HttpRequest");

    private readonly IntegrationResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IntegrationsTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _clientTag;

    public HttpResiliencePipeline(string clientName, IntegrationResilienceOptions options, TimeProvider timeProvider, IntegrationsTelemetry telemetry, ILogger logger)
    {
        ClientName = clientName;
        _options = options;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = logger;
        _clientTag = new("client", clientName);
        Attempts = BuildAttempts();
        Retries = options.MaxRetryAttempts > 0 ? BuildRetries() : null;
    }

    public string ClientName { get; }

    /// <summary>One attempt: circuit breaker, then attempt timeout.</summary>
    public ResiliencePipeline<HttpResponseMessage> Attempts { get; }

    /// <summary>The retry strategy, run around <see cref="Attempts"/>; <see langword="null"/> when retries are off.</summary>
    public ResiliencePipeline<HttpResponseMessage>? Retries { get; }

    private ResiliencePipelineBuilder<HttpResponseMessage> NewBuilder(string part) => new()
    {
        Name = "Integrations.Http." + ClientName + "." + part,
        TimeProvider = _timeProvider,
    };

    private ResiliencePipeline<HttpResponseMessage> BuildRetries() =>
        NewBuilder("retry")
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Context.Properties.TryGetValue(RequestKey, out var request) && ShouldRetry(args.Outcome, request)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is { } response ? response.GetRetryAfter(_timeProvider) : null),
                OnRetry = args =>
                {
                    OnRetry(args.Outcome, args.Context, args.AttemptNumber, args.RetryDelay);
                    return default;
                },
            })
            .Build();

    private ResiliencePipeline<HttpResponseMessage> BuildAttempts() =>
        NewBuilder("attempt")
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = _options.CircuitBreakerFailureRatio,
                SamplingDuration = _options.CircuitBreakerSamplingDuration,
                MinimumThroughput = _options.CircuitBreakerMinimumThroughput,
                BreakDuration = _options.CircuitBreakerBreakDuration,
                ShouldHandle = args => new ValueTask<bool>(HttpFailures.IsTransient(args.Outcome)),
                OnOpened = args =>
                {
                    HttpLog.CircuitOpened(_logger, ClientName, Describe(args.Outcome), args.BreakDuration.TotalMilliseconds);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    HttpLog.CircuitHalfOpened(_logger, ClientName);
                    return default;
                },
                OnClosed = _ =>
                {
                    HttpLog.CircuitClosed(_logger, ClientName);
                    return default;
                },
            })
            .AddTimeout(_options.AttemptTimeout)
            .Build();

    /// <summary>Whether an outcome is worth another attempt: transient, the request may be resent, and any <c>Retry-After</c> within the cap.</summary>
    public bool ShouldRetry(in Outcome<HttpResponseMessage> outcome, HttpRequestMessage request)
    {
        if (!HttpFailures.IsTransient(outcome) || !IsRetryable(request))
        {
            return false;
        }

        if (outcome.Result is { } response
            && response.GetRetryAfter(_timeProvider) is { } retryAfter
            && retryAfter > _options.MaxRetryAfter)
        {
            HttpLog.RetryAfterTooLong(_logger, ClientName, request.Method.Method, request.RequestUri?.Host, (long)Math.Round(retryAfter.TotalMilliseconds), (long)Math.Round(_options.MaxRetryAfter.TotalMilliseconds));
            return false;
        }

        return true;
    }

    private bool IsRetryable(HttpRequestMessage request) =>
        request.Options.TryGetValue(IntegrationRequestOptions.Retryable, out var retryable)
            ? retryable
            : _options.RetryNonIdempotentMethods || HttpFailures.IsIdempotent(request.Method);

    private void OnRetry(in Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attemptNumber, TimeSpan delay)
    {
        _telemetry.HttpRetries.Add(1, _clientTag);
        if (context.Properties.TryGetValue(RequestKey, out var request))
        {
            HttpLog.Retrying(_logger, ClientName, request.Method.Method, request.RequestUri?.Host, Describe(outcome), attemptNumber + 1, (long)Math.Round(delay.TotalMilliseconds));
        }
    }

    private static string Describe(in Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : outcome.Result is { } response ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : "no response";

    /// <summary>Turns what the pipeline throws into the SDK's typed errors; anything else passes through.</summary>
    public IntegrationException? ToIntegrationException(Exception exception, HttpRequestMessage request)
    {
        Guid? integrationId = request.TryGetIntegration(out var integration) ? integration.Id : null;
        var target = $"{request.Method} {request.RequestUri?.Host}";
        return exception switch
        {
            TimeoutRejectedException => new IntegrationException(
                IntegrationErrorCode.ConnectionError,
                $"HTTP client '{ClientName}': {target} got no response within the attempt timeout of {_options.AttemptTimeout.TotalSeconds:0.###} s.",
                exception)
            { IntegrationId = integrationId, IsTransient = true },
            BrokenCircuitException broken => new IntegrationException(
                IntegrationErrorCode.ProviderUnavailable,
                $"HTTP client '{ClientName}': {target} was not sent because the circuit is open after repeated failures.",
                exception)
            { IntegrationId = integrationId, IsTransient = true, RetryAfter = broken.RetryAfter },
            HttpRequestException network => new IntegrationException(
                IntegrationErrorCode.ConnectionError,
                $"HTTP client '{ClientName}': {target} failed ({network.HttpRequestError}).",
                exception)
            { IntegrationId = integrationId, IsTransient = true },
            _ => null,
        };
    }
}
