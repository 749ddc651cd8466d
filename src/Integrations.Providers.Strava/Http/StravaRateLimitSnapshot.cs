namespace Integrations.Providers.Strava;

/// <summary>The application's Strava rate-limit budget at one moment (for dashboards and health checks).</summary>
/// <param name="Overall">The overall limit (every request; <c>X-RateLimit-*</c>).</param>
/// <param name="Read">The read ("non-upload") limit (every request but uploads; <c>X-ReadRateLimit-*</c>).</param>
/// <param name="Waiting">How many requests of this process are waiting for a window.</param>
/// <param name="ResumeAt">When a read request could go next, or <see langword="null"/> when it could go now.</param>
public sealed record StravaRateLimitSnapshot(StravaRateLimitUsage Overall, StravaRateLimitUsage Read, int Waiting, DateTimeOffset? ResumeAt);
