namespace Integrations.Core.Tests.Sync.Support;

/// <summary>Holds the handler at one item: <see cref="Reached"/> completes when it gets there, <see cref="Open"/> lets it go on.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public Task Reached => _reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Open() => _open.TrySetResult();

    /// <summary>A handler hook that blocks at the n-th call (1-based).</summary>
    public Func<SyncRemoteChange<Testing.SandboxItemData>, Task> AtCall(int call) => _ =>
    {
        if (Interlocked.Increment(ref _calls) != call)
        {
            return Task.CompletedTask;
        }

        _reached.TrySetResult();
        return _open.Task;
    };
}
