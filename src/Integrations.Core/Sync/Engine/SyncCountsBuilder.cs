namespace Integrations.Internal;

/// <summary>The mutable counts of one side during a run.</summary>
internal sealed class SyncCountsBuilder
{
    public int Processed;
    public int Created;
    public int Updated;
    public int Deleted;
    public int Skipped;
    public int Failed;

    public SyncCounts ToCounts() => new(Processed, Created, Updated, Deleted, Skipped, Failed);

    /// <summary>Counts a write: a deletion, or a create (no link yet) or an update.</summary>
    public void Wrote(bool deleted, bool linked)
    {
        if (deleted)
        {
            Deleted++;
        }
        else if (linked)
        {
            Updated++;
        }
        else
        {
            Created++;
        }
    }
}
