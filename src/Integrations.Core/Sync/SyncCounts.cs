namespace Integrations;

/// <summary>What a sync run did (or, in a dry run, would do) to one side.</summary>
/// <param name="Processed">Changes examined.</param>
/// <param name="Created">Items created on this side.</param>
/// <param name="Updated">Items updated on this side.</param>
/// <param name="Deleted">Items deleted on this side.</param>
/// <param name="Skipped">Changes that needed no write (unchanged, echoes of the sync's own writes, deferred conflicts).</param>
/// <param name="Failed">Changes that failed; the first ones are listed in <see cref="SyncRun.Errors"/>.</param>
public sealed record SyncCounts(int Processed, int Created, int Updated, int Deleted, int Skipped, int Failed)
{
    /// <summary>Nothing done.</summary>
    public static SyncCounts Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Items created, updated or deleted.</summary>
    public int Changed => Created + Updated + Deleted;
}
