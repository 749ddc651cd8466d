namespace Integrations;

/// <summary>When and how tokens of one provider are refreshed.</summary>
public sealed class TokenRefreshOptions
{
    /// <summary>
    /// Within this time before expiry a refresh starts in the background while the current token is
    /// still handed out. Default 5 minutes. For tokens living less than twice as long, half their
    /// lifetime is used instead.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Within this time before expiry the token is no longer handed out: callers wait for the
    /// refresh. Default 1 minute. Must not exceed <see cref="RefreshBeforeExpiry"/>. For tokens
    /// living less than four times as long, a quarter of their lifetime is used instead.
    /// </summary>
    public TimeSpan MustRefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time limit of one refresh, independent of any caller's cancellation. Default 30 seconds.</summary>
    public TimeSpan RefreshTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a refresh failed for now (network, 5xx, throttling) while the current token is still
    /// valid, that token is handed out for this long (or the provider's <c>Retry-After</c>, when
    /// longer; never past its expiry) before the refresh is tried again. Keeps a provider outage from
    /// turning every call into a failing refresh. Default 30 seconds.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
