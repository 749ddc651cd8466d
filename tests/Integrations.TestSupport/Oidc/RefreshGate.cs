namespace Integrations.TestSupport.Oidc;

/// <summary>A gate one refresh request waits at.</summary>
public sealed class RefreshGate
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the refresh request reached the gate.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets the held refresh request go on to the server.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
