namespace Integrations.Internal;

/// <summary>Runs one resource's sync (the typed <see cref="SyncRunner{TItem}"/> behind a non-generic face).</summary>
internal interface ISyncResourceRunner
{
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether the run stopped with handler writes whose links it could not save (the state store
    /// failed). Its record is then left running, so the next run treats it like a killed one and
    /// flags what it delivers again.
    /// </summary>
    bool LeftUnsavedWrites { get; }
}
