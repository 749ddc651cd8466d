namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// When a burst's token endpoint answers: <em>held</em>, once <see cref="Open"/> is called (every caller
/// of the burst has started: a network round trip longer than the time the burst takes to start, so
/// each caller either joins the refresh in flight or sends its own), or <em>instant</em>, after one
/// asynchronous hop (late callers may find the new token already cached).
/// </summary>
internal sealed class TokenEndpointGate(bool held)
{
    // A library that blocked a thread on the answer would otherwise hang the burst.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held answers through.</summary>
    public void Open() => _open.TrySetResult();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (held)
        {
            await _open.Task.WaitAsync(Patience, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }
    }
}
