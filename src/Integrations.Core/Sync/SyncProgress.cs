namespace Integrations;

/// <summary>A snapshot of a running sync, reported after every page through <see cref="IProgress{T}"/>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Resource">The resource being synced.</param>
/// <param name="Phase">What the run is doing.</param>
/// <param name="Pages">Pages of remote changes read so far.</param>
/// <param name="Local">Changes applied to the host's data so far.</param>
/// <param name="Remote">Changes written to the provider so far.</param>
/// <param name="Conflicts">Conflicts settled so far.</param>
/// <param name="TotalEstimate">The provider's estimate of the items in this pass, when it gives one (for a progress bar).</param>
public sealed record SyncProgress(
    Guid RunId,
    string Resource,
    SyncPhase Phase,
    int Pages,
    SyncCounts Local,
    SyncCounts Remote,
    int Conflicts,
    long? TotalEstimate);
