namespace Integrations;

/// <summary>When and how tokens of one provider are refreshed.</summary>
public sealed class TokenRefreshOptions
{
    /// <summary>
    /// Within this time before expiry a refresh starts in the background while the current token is
    /// still handed out. Default 5 minutes.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Within this time before expiry the token is no longer handed out: callers wait for the
    /// refresh. Default 1 minute. Must not exceed <see cref="RefreshBeforeExpiry"/>.
    /// </summary>
    public TimeSpan MustRefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time limit of one refresh, independent of any caller's cancellation. Default 30 seconds.</summary>
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
