namespace Integrations;

/// <summary>Settings of one synced resource and payload type (named options; the name is the resource).</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
public sealed class SyncResourceOptions<TItem>
    where TItem : class
{
    /// <summary>How items changed on both sides are settled. Default <see cref="SyncConflictPolicy.RemoteWins"/>.</summary>
    public SyncConflictPolicy ConflictPolicy { get; set; } = SyncConflictPolicy.RemoteWins;

    /// <summary>Decides conflicts when <see cref="ConflictPolicy"/> is <see cref="SyncConflictPolicy.Callback"/> (required then).</summary>
    public Func<SyncConflict<TItem>, CancellationToken, ValueTask<SyncConflictWinner>>? ConflictResolver { get; set; }

    /// <summary>The page size asked of the source, or <see langword="null"/> for <see cref="SyncOptions.PageSize"/>.</summary>
    public int? PageSize { get; set; }
}
