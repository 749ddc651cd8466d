namespace Integrations.Testing;

/// <summary>
/// How many requests reached each sandbox endpoint, including those answered with an injected
/// failure (a <see cref="SandboxFailure.NetworkError"/> too: the client did send it). Thread-safe.
/// </summary>
public sealed class SandboxRequestCounters
{
    private readonly int[] _byEndpoint = new int[Enum.GetValues<SandboxEndpoint>().Length];
    private int _codeExchanges;
    private int _refreshes;

    /// <summary>The number of requests to an endpoint.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The count.</returns>
    public int this[SandboxEndpoint endpoint] =>
        (uint)endpoint < (uint)_byEndpoint.Length
            ? Volatile.Read(ref _byEndpoint[(int)endpoint])
            : throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown sandbox endpoint.");

    /// <summary>Token requests with <c>grant_type=authorization_code</c>.</summary>
    public int CodeExchanges => Volatile.Read(ref _codeExchanges);

    /// <summary>Token requests with <c>grant_type=refresh_token</c>.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Requests to every endpoint together.</summary>
    public int Total
    {
        get
        {
            var total = 0;
            for (var i = 0; i < _byEndpoint.Length; i++)
            {
                total += Volatile.Read(ref _byEndpoint[i]);
            }

            return total;
        }
    }

    /// <summary>Sets every counter back to zero (for example after a test's arrange phase).</summary>
    public void Reset()
    {
        for (var i = 0; i < _byEndpoint.Length; i++)
        {
            Volatile.Write(ref _byEndpoint[i], 0);
        }

        Volatile.Write(ref _codeExchanges, 0);
        Volatile.Write(ref _refreshes, 0);
    }

    internal void Record(SandboxEndpoint endpoint, string? grantType)
    {
        Interlocked.Increment(ref _byEndpoint[(int)endpoint]);
        if (endpoint != SandboxEndpoint.Token)
        {
            return;
        }

        if (grantType == "authorization_code")
        {
            Interlocked.Increment(ref _codeExchanges);
        }
        else if (grantType == "refresh_token")
        {
            Interlocked.Increment(ref _refreshes);
        }
    }
}
