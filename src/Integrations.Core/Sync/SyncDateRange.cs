namespace Integrations;

/// <summary>
/// A time window that limits which items a full sync reads (for example calendar events between two
/// dates). Sources pass it to the provider (Google <c>timeMin</c>/<c>timeMax</c>, Microsoft
/// <c>startDateTime</c>/<c>endDateTime</c>, Strava <c>after</c>/<c>before</c>).
/// </summary>
/// <param name="From">The start of the window (inclusive), or <see langword="null"/> for unbounded.</param>
/// <param name="To">The end of the window (exclusive), or <see langword="null"/> for unbounded.</param>
public sealed record SyncDateRange(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Whether <paramref name="value"/> falls inside the window.</summary>
    /// <param name="value">The time to test.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is at or after <see cref="From"/> and before <see cref="To"/>.</returns>
    public bool Contains(DateTimeOffset value) => (From is null || value >= From) && (To is null || value < To);
}
