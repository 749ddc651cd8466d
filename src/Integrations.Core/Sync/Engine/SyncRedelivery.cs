namespace Integrations.Internal;

/// <summary>Which deliveries of a pass may repeat writes of a killed run (see <see cref="SyncState.RecoveryPass"/>).</summary>
internal enum SyncRedelivery
{
    /// <summary>No killed run left unrecorded writes: nothing is flagged.</summary>
    None = 0,

    /// <summary>The killed run's pass is resumed: its page in flight is the first one read; flag that page.</summary>
    FirstPage = 1,

    /// <summary>Another pass is read: the killed run's writes may come anywhere in it; flag the whole pass.</summary>
    WholePass = 2,
}
