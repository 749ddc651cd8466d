namespace Integrations.Providers.Strava;

/// <summary>Settings of the application's push subscription (Strava webhooks).</summary>
public sealed class StravaWebhookOptions
{
    /// <summary>
    /// The secret Strava echoes in the subscription handshake (<c>hub.verify_token</c>): any string you
    /// choose, kept out of source control. Required to create a subscription and to answer the
    /// handshake; without it every handshake is refused.
    /// </summary>
    public string? VerifyToken { get; set; }

    /// <summary>
    /// The application's subscription id, when known (the <c>id</c> returned when it was created).
    /// Events naming another <c>subscription_id</c> are rejected. When <see langword="null"/>, the id is
    /// read from Strava the first time an event arrives, and remembered.
    /// </summary>
    public long? SubscriptionId { get; set; }
}
