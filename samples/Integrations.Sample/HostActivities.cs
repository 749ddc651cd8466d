using System.Collections.Concurrent;
using Integrations.Providers.Strava;

namespace Integrations.Sample;

/// <summary>
/// The app's own copy of the athlete's Strava activities, in memory for the sample: a real host
/// keeps them in its database (the README's Sync section shows an EF Core handler). Keyed by the
/// Strava activity id; each row remembers the remote version it came from.
/// </summary>
internal sealed class HostActivities
{
    private readonly ConcurrentDictionary<string, (StravaActivity Activity, string? RemoteVersion)> _rows = new(StringComparer.Ordinal);

    public IReadOnlyList<StravaActivity> All => [.. _rows.Values.Select(row => row.Activity)];

    /// <summary>Saves <paramref name="activity"/> unless this remote version is saved already (a redelivery).</summary>
    public void Save(string externalId, StravaActivity activity, string? remoteVersion)
    {
        if (remoteVersion is null || !_rows.TryGetValue(externalId, out var row) || row.RemoteVersion != remoteVersion)
        {
            _rows[externalId] = (activity, remoteVersion);
        }
    }

    public void Delete(string externalId) => _rows.TryRemove(externalId, out _);
}
