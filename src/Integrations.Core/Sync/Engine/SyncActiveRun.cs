namespace Integrations.Internal;

/// <summary>A run this process executes: how to cancel it and how to wait for it.</summary>
internal sealed class SyncActiveRun(SyncRun run)
{
    public SyncRun Run { get; } = run;

    public CancellationTokenSource Cancellation { get; } = new();

    public TaskCompletionSource<SyncRun> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
