namespace Integrations.Providers.Strava.Tests.Support;

/// <summary>
/// The host's activity table in tests: idempotent per external id and remote version, recording
/// every write it did.
/// </summary>
internal sealed class RecordingActivityHandler : ISyncHandler<StravaActivity>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (StravaActivity Activity, string? Version)> _rows = [];
    private readonly List<string> _writes = [];

    /// <summary>"upsert:{id}" or "delete:{id}" for every write, in order.</summary>
    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes.ToList();
            }
        }
    }

    public IReadOnlyDictionary<string, StravaActivity> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.ToDictionary(r => r.Key, r => r.Value.Activity);
            }
        }
    }

    public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<StravaActivity> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(change.ExternalId, out var row) || row.Version != change.RemoteVersion)
            {
                _rows[change.ExternalId] = (change.Item.Data!, change.RemoteVersion);
                _writes.Add("upsert:" + change.ExternalId);
            }

            return ValueTask.FromResult(new SyncLocalResult("local-" + change.ExternalId, null));
        }
    }

    public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<StravaActivity> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.Remove(change.ExternalId))
            {
                _writes.Add("delete:" + change.ExternalId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
