namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// One of Strava's two limits (overall, or read), with its 15-minute and daily windows. Usage is the
/// larger of what Strava last reported and what this process sent since: requests still in flight
/// are not in Strava's count yet, and other processes' requests are only in Strava's. Not
/// thread-safe: <see cref="StravaRateLimitBudget"/> holds its lock around every call.
/// </summary>
internal sealed class StravaRateLimitBucket
{
    private DateTimeOffset _shortWindow;
    private DateTimeOffset _day;

    public int? ShortLimit { get; private set; }

    public int? DailyLimit { get; private set; }

    public int ShortUsage { get; private set; }

    public int DailyUsage { get; private set; }

    public DateTimeOffset? BlockedUntil { get; private set; }

    /// <summary>When the next request may go, or <see langword="null"/> when it may go now.</summary>
    public DateTimeOffset? WaitUntil(DateTimeOffset now)
    {
        Roll(now);
        DateTimeOffset? until = BlockedUntil > now ? BlockedUntil : null;
        if (DailyLimit is { } daily && DailyUsage >= daily)
        {
            until = Later(until, StravaRateLimitWindows.NextDay(now));
        }
        else if (ShortLimit is { } fifteen && ShortUsage >= fifteen)
        {
            until = Later(until, StravaRateLimitWindows.NextShortWindow(now));
        }

        return until;
    }

    /// <summary>Counts a request this process is sending.</summary>
    public void Count(DateTimeOffset now)
    {
        Roll(now);
        ShortUsage++;
        DailyUsage++;
    }

    /// <summary>
    /// Applies the limits and usage Strava reported on a response to a request sent at
    /// <paramref name="sentAt"/>. A count from a window that has ended since is not applied to the
    /// new one.
    /// </summary>
    public void Apply(int shortLimit, int dailyLimit, int shortUsage, int dailyUsage, DateTimeOffset sentAt, DateTimeOffset now)
    {
        Roll(now);
        ShortLimit = shortLimit;
        DailyLimit = dailyLimit;
        if (StravaRateLimitWindows.ShortWindowStart(sentAt) == _shortWindow)
        {
            ShortUsage = Math.Max(ShortUsage, shortUsage);
        }

        if (StravaRateLimitWindows.DayStart(sentAt) == _day)
        {
            DailyUsage = Math.Max(DailyUsage, dailyUsage);
        }
    }

    /// <summary>Whether Strava's last report shows the daily limit used up.</summary>
    public bool DailyExhausted => DailyLimit is { } daily && DailyUsage >= daily;

    /// <summary>Whether Strava's last report shows either limit used up.</summary>
    public bool Exhausted => DailyExhausted || (ShortLimit is { } fifteen && ShortUsage >= fifteen);

    /// <summary>Sends nothing until <paramref name="until"/> (after a 429).</summary>
    public void Block(DateTimeOffset until) => BlockedUntil = Later(BlockedUntil, until);

    public StravaRateLimitUsage Snapshot(DateTimeOffset now)
    {
        Roll(now);
        return new StravaRateLimitUsage(ShortLimit, ShortUsage, DailyLimit, DailyUsage, BlockedUntil > now ? BlockedUntil : null);
    }

    private void Roll(DateTimeOffset now)
    {
        var window = StravaRateLimitWindows.ShortWindowStart(now);
        if (window != _shortWindow)
        {
            _shortWindow = window;
            ShortUsage = 0;
        }

        var day = StravaRateLimitWindows.DayStart(now);
        if (day != _day)
        {
            _day = day;
            DailyUsage = 0;
        }
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value > b ? value : b;
}
