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
    }

    public Meter Meter => _meter;

    /// <summary>Tags: <c>provider</c>, <c>outcome</c> (success, error code).</summary>
    public Counter<long> Connects { get; }

    /// <summary>Tags: <c>provider</c>, <c>outcome</c>.</summary>
    public Counter<long> Refreshes { get; }

    /// <summary>Tags: <c>client</c> (the HttpClient name, usually the provider's).</summary>
    public Counter<long> HttpRetries { get; }

    public static KeyValuePair<string, object?> Provider(string provider) => new("provider", provider);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
