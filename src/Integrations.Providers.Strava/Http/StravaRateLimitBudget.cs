using System.Net.Http.Headers;
using Integrations.Providers.Strava.Internal;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava;

/// <summary>
/// The Strava rate-limit budget of one application, shared by every integration (and every
/// request) of this process: one instance per Strava registration. Strava's limits are per
/// application, in 15-minute windows starting at :00, :15, :30 and :45 and in days starting at
/// midnight UTC. The budget reads <c>X-RateLimit-*</c> and <c>X-ReadRateLimit-*</c> on every
/// response, and a request that would exceed a known limit waits for its window instead of being
/// sent and refused. After a 429 nothing is sent until the next window (midnight UTC when the
/// daily limit is used up, or the time Strava's <c>Retry-After</c> names).
/// </summary>
/// <remarks>
/// Until Strava reported its limits (the first response), nothing waits. Other processes of the
/// application are seen only through Strava's counts on the responses, so several processes
/// together may still meet an occasional 429; each then waits for the window.
/// </remarks>
public sealed class StravaRateLimitBudget
{
    private readonly Lock _gate = new();
    private readonly StravaRateLimitBucket _overall = new();
    private readonly StravaRateLimitBucket _read = new();
    private readonly StravaRateLimitBucket[] _readBuckets;
    private readonly StravaRateLimitBucket[] _uploadBuckets;
    private readonly string _provider;
    private readonly TimeProvider _time;
    private readonly StravaTelemetry _telemetry;
    private readonly ILogger _logger;
    private int _waiting;

    internal StravaRateLimitBudget(string provider, TimeProvider time, StravaTelemetry telemetry, ILogger logger)
    {
        _provider = provider;
        _readBuckets = [_overall, _read];
        _uploadBuckets = [_overall];
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Raised (for tests) each time a request starts waiting for a window.</summary>
    internal event Action? WaitStarted;

    /// <summary>How many requests are waiting for a window.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Reads the current limits, usage and waits.</summary>
    /// <returns>The snapshot.</returns>
    public StravaRateLimitSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return new StravaRateLimitSnapshot(_overall.Snapshot(now), _read.Snapshot(now), Waiting, WaitUntil(StravaRequestKind.Read, now));
        }
    }

    /// <summary>
    /// Waits until a request of <paramref name="kind"/> fits the budget, then counts it. Fails at once
    /// with <see cref="IntegrationErrorCode.RateLimitExceeded"/> when the wait would be longer than
    /// <paramref name="maxWait"/>.
    /// </summary>
    internal async ValueTask AcquireAsync(StravaRequestKind kind, TimeSpan maxWait, Guid? integrationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset now, until;
            lock (_gate)
            {
                now = _time.GetUtcNow();
                if (WaitUntil(kind, now) is not { } resumeAt)
                {
                    Count(kind, now);
                    return;
                }

                until = resumeAt;
            }

            var wait = until - now;
            if (wait > maxWait)
            {
                StravaLog.RateLimitWaitTooLong(_logger, _provider, until, maxWait.TotalSeconds);
                throw RateLimited(_provider, wait, integrationId, statusCode: null, $"{_provider}: the application's Strava rate limit is used up until {until:u}, beyond the longest wait allowed ({maxWait}).");
            }

            StravaLog.WaitingForWindow(_logger, _provider, kind, until);
            _telemetry.RateLimitWaits.Add(1, StravaTelemetry.Provider(_provider));
            Interlocked.Increment(ref _waiting);
            try
            {
                var delay = Task.Delay(wait, _time, cancellationToken);
                WaitStarted?.Invoke();
                await delay.ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            maxWait -= wait;
        }
    }

    /// <summary>Counts a request sent without waiting at the gate (a retry by the resilience handler, a resend after a token refresh).</summary>
    internal void Count(StravaRequestKind kind)
    {
        lock (_gate)
        {
            Count(kind, _time.GetUtcNow());
        }
    }

    /// <summary>Applies the limits and usage a response reported.</summary>
    internal void Observe(HttpResponseHeaders headers, DateTimeOffset sentAt)
    {
        lock (_gate)
        {
            Apply(headers, sentAt, _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Applies a 429 response: nothing of the refused kind is sent until Strava's <c>Retry-After</c>,
    /// or else until midnight UTC when its headers show the daily limit used up, or else until the
    /// next quarter hour. Returns that time.
    /// </summary>
    internal DateTimeOffset OnRateLimited(HttpResponseHeaders headers, StravaRequestKind kind, DateTimeOffset sentAt, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Apply(headers, sentAt, now);
            var resumeAt = ResumeAfterRateLimit(now, retryAfter, Buckets(kind));

            // Block the limit Strava shows used up; when its headers do not say, every limit the request counts against.
            var blocked = false;
            foreach (var bucket in Buckets(kind))
            {
                if (bucket.Exhausted)
                {
                    bucket.Block(resumeAt);
                    blocked = true;
                }
            }

            if (!blocked)
            {
                foreach (var bucket in Buckets(kind))
                {
                    bucket.Block(resumeAt);
                }
            }

            _telemetry.RateLimitRejections.Add(1, StravaTelemetry.Provider(_provider));
            StravaLog.RateLimited(_logger, _provider, kind, resumeAt);
            return resumeAt;
        }
    }

    /// <summary>When a request refused with 429 may go again, from that response alone (the token endpoint keeps no budget).</summary>
    internal static DateTimeOffset ResumeAfterRateLimit(HttpResponseHeaders headers, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var overall = new StravaRateLimitBucket();
        var read = new StravaRateLimitBucket();
        Apply(headers, now, now, overall, read);
        return ResumeAfterRateLimit(now, retryAfter, [overall, read]);
    }

    private static DateTimeOffset ResumeAfterRateLimit(DateTimeOffset now, TimeSpan? retryAfter, ReadOnlySpan<StravaRateLimitBucket> buckets)
    {
        if (retryAfter is { } delay && delay > TimeSpan.Zero)
        {
            return now + delay;
        }

        foreach (var bucket in buckets)
        {
            if (bucket.DailyExhausted)
            {
                return StravaRateLimitWindows.NextDay(now);
            }
        }

        return StravaRateLimitWindows.NextShortWindow(now);
    }

    /// <summary>The error of a request that may not go (now or after a 429).</summary>
    internal static IntegrationException RateLimited(string provider, TimeSpan retryAfter, Guid? integrationId, int? statusCode, string message) =>
        new(IntegrationErrorCode.RateLimitExceeded, message)
        {
            Provider = provider,
            IntegrationId = integrationId,
            StatusCode = statusCode,
            IsTransient = true,
            RetryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter,
        };

    private DateTimeOffset? WaitUntil(StravaRequestKind kind, DateTimeOffset now)
    {
        var overall = _overall.WaitUntil(now);
        var read = kind == StravaRequestKind.Read ? _read.WaitUntil(now) : null;
        return overall is null ? read : read is null || overall > read ? overall : read;
    }

    private void Count(StravaRequestKind kind, DateTimeOffset now)
    {
        _overall.Count(now);
        if (kind == StravaRequestKind.Read)
        {
            _read.Count(now);
        }
    }

    private void Apply(HttpResponseHeaders headers, DateTimeOffset sentAt, DateTimeOffset now) => Apply(headers, sentAt, now, _overall, _read);

    private static void Apply(HttpResponseHeaders headers, DateTimeOffset sentAt, DateTimeOffset now, StravaRateLimitBucket overall, StravaRateLimitBucket read)
    {
        if (StravaRateLimitWindows.TryRead(headers, StravaRateLimitWindows.LimitHeader, out var shortLimit, out var dailyLimit)
            && StravaRateLimitWindows.TryRead(headers, StravaRateLimitWindows.UsageHeader, out var shortUsage, out var dailyUsage))
        {
            overall.Apply(shortLimit, dailyLimit, shortUsage, dailyUsage, sentAt, now);
        }

        if (StravaRateLimitWindows.TryRead(headers, StravaRateLimitWindows.ReadLimitHeader, out shortLimit, out dailyLimit)
            && StravaRateLimitWindows.TryRead(headers, StravaRateLimitWindows.ReadUsageHeader, out shortUsage, out dailyUsage))
        {
            read.Apply(shortLimit, dailyLimit, shortUsage, dailyUsage, sentAt, now);
        }
    }

    private StravaRateLimitBucket[] Buckets(StravaRequestKind kind) => kind == StravaRequestKind.Read ? _readBuckets : _uploadBuckets;
}
