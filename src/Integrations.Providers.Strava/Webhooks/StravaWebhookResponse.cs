namespace Integrations.Providers.Strava;

/// <summary>What the host's endpoint answers Strava: write <see cref="StatusCode"/>, <see cref="ContentType"/> and <see cref="Body"/> as they are.</summary>
/// <param name="StatusCode">The HTTP status: 200, or 400 (malformed), 403 (wrong verify token, foreign subscription), 503 (try again).</param>
/// <param name="Body">The JSON body (for the handshake <c>{"hub.challenge":"..."}</c>).</param>
public sealed record StravaWebhookResponse(int StatusCode, string Body)
{
    /// <summary>The content type of <see cref="Body"/>: <c>application/json</c>.</summary>
    public string ContentType => "application/json";

    /// <summary>
    /// For an accepted event: completes when the event has been processed in the background (the
    /// integration revoked, or its activities synced). The endpoint need not wait for it (Strava
    /// wants its answer within 2 seconds); a host that runs in short-lived workers can. Never faults:
    /// failures are logged.
    /// </summary>
    public Task Processing { get; init; } = Task.CompletedTask;

    /// <summary>For a refused request: why, without secrets.</summary>
    public string? Error { get; init; }
}
