using System.Text.Json.Serialization;
using Integrations.Providers.Strava.Internal;

namespace Integrations.Providers.Strava;

/// <summary>The application's push subscription: where Strava sends webhook events. One per application.</summary>
public sealed record StravaPushSubscription
{
    /// <summary>The subscription id; events carry it as <c>subscription_id</c>.</summary>
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>The application (client) id.</summary>
    [JsonPropertyName("application_id")]
    [JsonConverter(typeof(TolerantInt64Converter))]
    public long? ApplicationId { get; init; }

    /// <summary>Where Strava sends events.</summary>
    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; init; }

    /// <summary>When the subscription was created.</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(UtcInstantConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the subscription was last changed.</summary>
    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(UtcInstantConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }
}
