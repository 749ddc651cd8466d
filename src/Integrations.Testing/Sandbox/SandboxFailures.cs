namespace Integrations.Testing;

/// <summary>
/// Failures queued per endpoint. Each request to an endpoint takes the oldest failure queued for
/// it (first in, first out); when none is queued, the request is handled normally. Thread-safe.
/// </summary>
public sealed class SandboxFailures
{
    private readonly Lock _gate = new();
    private readonly Queue<SandboxFailure>[] _queues = CreateQueues();

    /// <summary>Queues a failure for the next <paramref name="times"/> requests to an endpoint.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="failure">The failure.</param>
    /// <param name="times">How many requests it applies to (for a storm of 5xx, for example). Default 1.</param>
    public void Enqueue(SandboxEndpoint endpoint, SandboxFailure failure, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var queue = QueueOf(endpoint);
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(failure);
            }
        }
    }

    /// <summary>Queues a failure for the token endpoint (code exchange and refresh).</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="times">How many requests it applies to. Default 1.</param>
    public void EnqueueTokenFailure(SandboxFailure failure, int times = 1) => Enqueue(SandboxEndpoint.Token, failure, times);

    /// <summary>Queues a failure for the demo API.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="times">How many requests it applies to. Default 1.</param>
    public void EnqueueApiFailure(SandboxFailure failure, int times = 1) => Enqueue(SandboxEndpoint.Api, failure, times);

    /// <summary>Queues a failure for the userinfo endpoint.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="times">How many requests it applies to. Default 1.</param>
    public void EnqueueUserInfoFailure(SandboxFailure failure, int times = 1) => Enqueue(SandboxEndpoint.UserInfo, failure, times);

    /// <summary>Queues a failure for the revocation endpoint.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="times">How many requests it applies to. Default 1.</param>
    public void EnqueueRevocationFailure(SandboxFailure failure, int times = 1) => Enqueue(SandboxEndpoint.Revocation, failure, times);

    /// <summary>How many failures are still queued for an endpoint.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The number of queued failures.</returns>
    public int Pending(SandboxEndpoint endpoint)
    {
        var queue = QueueOf(endpoint);
        lock (_gate)
        {
            return queue.Count;
        }
    }

    /// <summary>Forgets every queued failure.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var queue in _queues)
            {
                queue.Clear();
            }
        }
    }

    internal SandboxFailure? TryDequeue(SandboxEndpoint endpoint)
    {
        var queue = QueueOf(endpoint);
        lock (_gate)
        {
            return queue.TryDequeue(out var failure) ? failure : null;
        }
    }

    private Queue<SandboxFailure> QueueOf(SandboxEndpoint endpoint) =>
        (uint)endpoint < (uint)_queues.Length ? _queues[(int)endpoint] : throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown sandbox endpoint.");

    private static Queue<SandboxFailure>[] CreateQueues() =>
        [.. Enumerable.Range(0, Enum.GetValues<SandboxEndpoint>().Length).Select(_ => new Queue<SandboxFailure>())];
}
