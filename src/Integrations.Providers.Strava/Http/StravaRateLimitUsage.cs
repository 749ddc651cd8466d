namespace Integrations.Providers.Strava;

/// <summary>One of Strava's limits as this process sees it: the limits Strava last reported and the usage in the current windows.</summary>
/// <param name="FifteenMinuteLimit">Requests allowed per 15-minute window, or <see langword="null"/> before Strava reported it.</param>
/// <param name="FifteenMinuteUsage">Requests counted in the current 15-minute window (Strava's count, or this process's when higher).</param>
/// <param name="DailyLimit">Requests allowed per UTC day, or <see langword="null"/> before Strava reported it.</param>
/// <param name="DailyUsage">Requests counted today (UTC).</param>
/// <param name="BlockedUntil">After a 429: when requests may go again; <see langword="null"/> when not blocked.</param>
public sealed record StravaRateLimitUsage(int? FifteenMinuteLimit, int FifteenMinuteUsage, int? DailyLimit, int DailyUsage, DateTimeOffset? BlockedUntil);
