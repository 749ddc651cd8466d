namespace Integrations;

/// <summary>
/// How an integration HttpClient retries, times out and breaks its circuit. Named options: one
/// instance per HttpClient name, configured through <c>AddHttpClient(name, ..., configureResilience)</c>
/// or <c>AddIntegrationHandlers(...)</c>, or bound from configuration, and validated at start.
/// The values are read when the client sends its first request; a change later needs a restart.
/// </summary>
public sealed class IntegrationResilienceOptions
{
    /// <summary>
    /// How many times a failed request is sent again (408, 429, 5xx other than 501 and 505, network
    /// failures, attempt timeouts). <c>0</c> turns retries off. Default 3.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// The median delay before the first retry; later retries back off exponentially, with jitter so
    /// that many clients do not retry in step. Default 1 second.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest computed backoff delay between two attempts. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait a provider may ask for with <c>Retry-After</c> (delta-seconds or HTTP-date).
    /// A shorter wait is honoured exactly; when the provider asks for longer, the request is not
    /// retried and its response is returned to the caller at once. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one attempt may take until its response headers arrive; a slower attempt is
    /// cancelled and counts as a transient failure. Default 30 seconds. The whole call, retries
    /// included, is still bounded by <see cref="HttpClient.Timeout"/> (100 seconds unless changed).
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether requests with non-idempotent methods (POST, PATCH, and any other method but GET,
    /// HEAD, OPTIONS, PUT, DELETE and TRACE) are retried too. Turn it on only for APIs that
    /// deduplicate writes (for example with an idempotency key). A single request can opt in or
    /// out with <see cref="IntegrationHttpRequestMessageExtensions.SetRetryable"/>. Default <see langword="false"/>.
    /// </summary>
    public bool RetryNonIdempotentMethods { get; set; }

    /// <summary>
    /// The share of failed attempts (same failures as the retries handle) within
    /// <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit, between 0 (exclusive) and
    /// 1. Default 0.5.
    /// </summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The window over which the failure ratio is measured, at least 0.5 seconds. Default 30 seconds.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many attempts the window must hold before the circuit can open, at least 2. Default 20.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>
    /// How long an open circuit rejects requests at once (with <see cref="IntegrationErrorCode.ProviderUnavailable"/>)
    /// before it lets one request through to probe the provider, at least 0.5 seconds. Default 15 seconds.
    /// </summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
