namespace Integrations.Internal;

/// <summary>Runs one resource's sync (the typed <see cref="SyncRunner{TItem}"/> behind a non-generic face).</summary>
internal interface ISyncResourceRunner
{
    Task RunAsync(CancellationToken cancellationToken);
}
