using System.Globalization;
using System.Net.Http.Headers;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Strava's rate-limit clock: 15-minute windows starting at :00, :15, :30 and :45 (UTC), and a
/// daily window starting at midnight UTC; and the <c>"15min,daily"</c> header values.
/// </summary>
internal static class StravaRateLimitWindows
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string UsageHeader = "X-RateLimit-Usage";
    public const string ReadLimitHeader = "X-ReadRateLimit-Limit";
    public const string ReadUsageHeader = "X-ReadRateLimit-Usage";

    public static readonly TimeSpan ShortWindow = TimeSpan.FromMinutes(15);

    /// <summary>The start of the 15-minute window holding <paramref name="time"/>.</summary>
    public static DateTimeOffset ShortWindowStart(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % ShortWindow.Ticks), TimeSpan.Zero);
    }

    /// <summary>The next quarter hour after <paramref name="time"/>.</summary>
    public static DateTimeOffset NextShortWindow(DateTimeOffset time) => ShortWindowStart(time) + ShortWindow;

    /// <summary>Midnight UTC at the start of <paramref name="time"/>'s day.</summary>
    public static DateTimeOffset DayStart(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>The next midnight UTC after <paramref name="time"/>.</summary>
    public static DateTimeOffset NextDay(DateTimeOffset time) => DayStart(time).AddDays(1);

    /// <summary>Reads a <c>"15min,daily"</c> header such as <c>X-RateLimit-Usage: 12,345</c>.</summary>
    public static bool TryRead(HttpHeaders headers, string name, out int fifteenMinutes, out int daily)
    {
        fifteenMinutes = daily = 0;

        // Read on every response: the raw value, without the validated lookup's string array.
        if (!headers.NonValidated.TryGetValues(name, out var values))
        {
            return false;
        }

        var text = values.ToString();
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma > 0
            && int.TryParse(text.AsSpan(0, comma).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out fifteenMinutes)
            && int.TryParse(text.AsSpan(comma + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out daily);
    }
}
