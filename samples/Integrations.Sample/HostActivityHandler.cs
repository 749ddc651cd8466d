using Integrations.Providers.Strava;

namespace Integrations.Sample;

/// <summary>
/// The host's part of the Strava activities sync, registered with
/// <c>AddSyncResource&lt;StravaActivity, HostActivityHandler&gt;("activities")</c>. Only an
/// <see cref="ISyncHandler{TItem}"/>: without a local change feed the resource is pulled into the
/// app and nothing is written to Strava.
/// </summary>
internal sealed class HostActivityHandler(HostActivities activities) : ISyncHandler<StravaActivity>
{
    public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<StravaActivity> change, CancellationToken cancellationToken)
    {
        // Idempotent per (activity id, remote version), as ISyncHandler asks: a redelivery writes nothing.
        // The local id is the Strava id (this app has no other key for an activity); a pull-only
        // resource needs no local version.
        activities.Save(change.ExternalId, change.Item.Data!, change.RemoteVersion);
        return ValueTask.FromResult(new SyncLocalResult(change.ExternalId, null));
    }

    public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<StravaActivity> change, CancellationToken cancellationToken)
    {
        // Gone already counts as deleted.
        activities.Delete(change.ExternalId);
        return ValueTask.CompletedTask;
    }
}
