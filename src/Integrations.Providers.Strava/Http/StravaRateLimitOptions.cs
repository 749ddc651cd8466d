namespace Integrations.Providers.Strava;

/// <summary>How requests wait for Strava's application-wide rate limits.</summary>
public sealed class StravaRateLimitOptions
{
    /// <summary>
    /// The longest a request waits for its window (a quarter hour, or midnight UTC for the daily
    /// limit) before it is sent. A longer wait fails at once with
    /// <see cref="IntegrationErrorCode.RateLimitExceeded"/> and <see cref="IntegrationException.RetryAfter"/>
    /// set to the wait. Default 24 hours: background syncs always wait. Lower it (for example to
    /// 20 seconds) for hosts that call the API while a user waits.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How many times a request refused with 429 is sent again after its window opened (an unexpected
    /// 429 means another process or application shares the limit). Default 2.
    /// </summary>
    public int MaxRetriesAfterRateLimit { get; set; } = 2;
}
