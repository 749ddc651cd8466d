namespace Integrations;

/// <summary>How a two-way resource settles an item that changed on both sides since the last sync.</summary>
public enum SyncConflictPolicy
{
    /// <summary>The provider's version replaces the local one (the default).</summary>
    RemoteWins = 0,

    /// <summary>The local version is written to the provider.</summary>
    LocalWins = 1,

    /// <summary>
    /// The side with the later modification time wins; when either time is unknown, or both are
    /// equal, the provider's version wins.
    /// </summary>
    NewestWins = 2,

    /// <summary>The host decides through <see cref="SyncResourceOptions{TItem}.ConflictResolver"/>.</summary>
    Callback = 3,
}
