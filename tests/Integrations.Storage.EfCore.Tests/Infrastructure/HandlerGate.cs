using Integrations.Testing;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>Holds the handler at its n-th delivery (1-based): <see cref="Reached"/> completes when it gets there, <see cref="Open"/> lets it go on.</summary>
internal sealed class HandlerGate(int call)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public Task Reached => _reached.Task.WaitAsync(TimeSpan.FromSeconds(60));

    public void Open() => _open.TrySetResult();

    /// <summary>The hook for <see cref="SyncedItems.BeforeApply"/>.</summary>
    public Task BeforeApply(SyncRemoteChange<SandboxItemData> change)
    {
        if (Interlocked.Increment(ref _calls) != call)
        {
            return Task.CompletedTask;
        }

        _reached.TrySetResult();
        return _open.Task;
    }
}
