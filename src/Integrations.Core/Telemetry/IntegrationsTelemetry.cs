using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Integrations.Internal;

/// <summary>
/// The SDK's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <c>Integrations</c>. Instruments have lowercase dotted names and low-cardinality tags.
/// </summary>
internal sealed class IntegrationsTelemetry
{
    public const string Name = "Integrations";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(IntegrationsTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;

    public IntegrationsTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        Connects = _meter.CreateCounter<long>("integrations.connects", unit: "{connect}", description: "Completed connect flows, by provider and outcome.");
        Refreshes = _meter.CreateCounter<long>("integrations.token.refreshes", unit: "{refresh}", description: "Token refreshes sent to providers, by provider and outcome.");
        HttpRetries = _meter.CreateCounter<long>("integrations.http.retries", unit: "{retry}", description: "HTTP requests to provider APIs sent again, by HttpClient name.");
        SyncRuns = _meter.CreateCounter<long>("integrations.sync.runs", unit: "{run}", description: "Completed sync runs, by provider, resource and outcome.");
        SyncItems = _meter.CreateCounter<long>("integrations.sync.items", unit: "{item}", description: "Items handled by sync runs, by provider, resource, side and operation.");
        SyncDuration = _meter.CreateHistogram<double>("integrations.sync.duration", unit: "s", description: "How long sync runs took, by provider, resource and outcome.");
    }

    public Meter Meter => _meter;

    /// <summary>Tags: <c>provider</c>, <c>outcome</c> (success, error code).</summary>
    public Counter<long> Connects { get; }

    /// <summary>Tags: <c>provider</c>, <c>outcome</c>.</summary>
    public Counter<long> Refreshes { get; }

    /// <summary>Tags: <c>client</c> (the HttpClient name, usually the provider's).</summary>
    public Counter<long> HttpRetries { get; }

    /// <summary>Tags: <c>provider</c>, <c>resource</c>, <c>outcome</c> (succeeded, partially_succeeded, failed, cancelled).</summary>
    public Counter<long> SyncRuns { get; }

    /// <summary>Tags: <c>provider</c>, <c>resource</c>, <c>side</c> (local, remote), <c>operation</c> (created, updated, deleted, skipped, failed, conflict).</summary>
    public Counter<long> SyncItems { get; }

    /// <summary>Tags: <c>provider</c>, <c>resource</c>, <c>outcome</c>.</summary>
    public Histogram<double> SyncDuration { get; }

    public static KeyValuePair<string, object?> Provider(string provider) => new("provider", provider);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
