using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>
/// The singleton that owns one <see cref="HttpResiliencePipeline"/> per HttpClient name.
/// <c>IHttpClientFactory</c> replaces handler instances every few minutes; keeping the pipeline
/// here keeps an open circuit open across that rotation.
/// </summary>
internal sealed class HttpResiliencePipelines
{
    private readonly ConcurrentDictionary<string, Lazy<HttpResiliencePipeline>> _pipelines = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<IntegrationResilienceOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly IntegrationsTelemetry _telemetry;
    private readonly ILogger _logger;

    public HttpResiliencePipelines(
        IOptionsMonitor<IntegrationResilienceOptions> options,
        TimeProvider timeProvider,
        IntegrationsTelemetry telemetry,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _timeProvider = timeProvider;
        _telemetry = telemetry;
        _logger = loggerFactory.CreateLogger(HttpLog.Category);
    }

    /// <summary>Returns the pipeline of a client name, building it from the named options on first use.</summary>
    public HttpResiliencePipeline Get(string clientName) =>
        _pipelines.GetOrAdd(clientName, static (name, self) => new Lazy<HttpResiliencePipeline>(() => self.Create(name)), this).Value;

    private HttpResiliencePipeline Create(string clientName) =>
        new(clientName, _options.Get(clientName), _timeProvider, _telemetry, _logger);
}
