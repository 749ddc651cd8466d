using System.Diagnostics.Metrics;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Strava's instruments on the SDK's one meter, <c>Integrations</c> (<see cref="IMeterFactory"/> hands
/// every caller the same meter for the same name). Tag: <c>provider</c>.
/// </summary>
internal sealed class StravaTelemetry
{
    public const string MeterName = "Integrations";

    public StravaTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        RateLimitWaits = meter.CreateCounter<long>("integrations.strava.rate_limit.waits", unit: "{wait}", description: "Strava requests that waited for a rate-limit window before they were sent.");
        RateLimitRejections = meter.CreateCounter<long>("integrations.strava.rate_limit.rejections", unit: "{response}", description: "Strava responses 429 Too Many Requests.");
        WebhookEvents = meter.CreateCounter<long>("integrations.strava.webhook.events", unit: "{event}", description: "Strava webhook deliveries, by outcome (accepted, rejected, invalid).");
    }

    public Counter<long> RateLimitWaits { get; }

    public Counter<long> RateLimitRejections { get; }

    public Counter<long> WebhookEvents { get; }

    public static KeyValuePair<string, object?> Provider(string provider) => new("provider", provider);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
