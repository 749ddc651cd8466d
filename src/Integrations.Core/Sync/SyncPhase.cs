namespace Integrations;

/// <summary>What a sync run is doing at the moment.</summary>
public enum SyncPhase
{
    /// <summary>Reading pages of remote changes and applying them locally.</summary>
    Pulling = 0,

    /// <summary>After a full resync: deleting local items that no longer exist remotely.</summary>
    Reconciling = 1,

    /// <summary>Reading local changes and writing them to the provider.</summary>
    Pushing = 2,

    /// <summary>The run has finished.</summary>
    Completed = 3,
}
