using System.Collections.Concurrent;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// The activities webhooks named, per integration, waiting for the next page the activities
/// source reads (one per Strava registration, in memory). An activity list read with <c>after</c>
/// cannot see deletions, nor edits of activities older than the overlap window; these entries make
/// the source read or delete exactly those activities. The latest event per activity wins, so a
/// duplicate delivery adds nothing. Past <see cref="MaxPerIntegration"/> entries the integration is
/// marked for a full resync instead (which sees everything).
/// </summary>
internal sealed class StravaActivityChanges
{
    public const int MaxPerIntegration = 1000;

    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();

    /// <summary>Records a change; returns <see langword="false"/> when the integration has too many waiting and needs a full resync.</summary>
    public bool Add(Guid integrationId, StravaActivityChange change)
    {
        var pending = _pending.GetOrAdd(integrationId, static _ => new Pending());
        lock (pending.Gate)
        {
            if (pending.Overflowed || (pending.Changes.Count >= MaxPerIntegration && !pending.Changes.ContainsKey(change.ActivityId)))
            {
                pending.Overflowed = true;
                pending.Changes.Clear();
                return false;
            }

            pending.Changes[change.ActivityId] = change.Deleted;
            return true;
        }
    }

    /// <summary>Whether changes are waiting for the integration.</summary>
    public bool HasPending(Guid integrationId) =>
        _pending.TryGetValue(integrationId, out var pending) && Count(pending) > 0;

    /// <summary>Takes at most <paramref name="max"/> waiting changes of the integration.</summary>
    public IReadOnlyList<StravaActivityChange> Take(Guid integrationId, int max)
    {
        if (!_pending.TryGetValue(integrationId, out var pending))
        {
            return [];
        }

        lock (pending.Gate)
        {
            var taken = pending.Changes.Take(max).Select(p => new StravaActivityChange(p.Key, p.Value)).ToList();
            foreach (var change in taken)
            {
                pending.Changes.Remove(change.ActivityId);
            }

            return taken;
        }
    }

    /// <summary>Puts back changes whose page failed, unless a newer event for the same activity came meanwhile.</summary>
    public void Restore(Guid integrationId, IReadOnlyList<StravaActivityChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var pending = _pending.GetOrAdd(integrationId, static _ => new Pending());
        lock (pending.Gate)
        {
            if (pending.Overflowed)
            {
                return;
            }

            foreach (var change in changes)
            {
                pending.Changes.TryAdd(change.ActivityId, change.Deleted);
            }
        }
    }

    /// <summary>Whether the integration overflowed (clears the mark: the caller runs the full resync).</summary>
    public bool TakeOverflow(Guid integrationId)
    {
        if (!_pending.TryGetValue(integrationId, out var pending))
        {
            return false;
        }

        lock (pending.Gate)
        {
            var overflowed = pending.Overflowed;
            pending.Overflowed = false;
            return overflowed;
        }
    }

    private static int Count(Pending pending)
    {
        lock (pending.Gate)
        {
            return pending.Changes.Count;
        }
    }

    private sealed class Pending
    {
        public Lock Gate { get; } = new();

        public Dictionary<long, bool> Changes { get; } = [];

        public bool Overflowed { get; set; }
    }
}
