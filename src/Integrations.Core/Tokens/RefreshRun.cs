namespace Integrations.Internal;

/// <summary>The working state of one <see cref="RefreshFlight"/> while <see cref="TokenRefresher"/> runs it.</summary>
internal sealed class RefreshRun(IntegrationKey key, RefreshFlight flight, long cacheGeneration, CancellationTokenSource timeout)
{
    public IntegrationKey Key { get; } = key;

    public RefreshFlight Flight { get; } = flight;

    /// <summary>The cache generation read before the first store read (see <see cref="AccessTokenCache"/>).</summary>
    public long CacheGeneration { get; } = cacheGeneration;

    /// <summary>The flight's own time limit; no caller's cancellation reaches it.</summary>
    public CancellationTokenSource Timeout { get; } = timeout;

    /// <summary>The limit in force, for messages.</summary>
    public TimeSpan TimeoutValue { get; set; }

    /// <summary>The integration as last read from (or written to) the store.</summary>
    public Integration Integration { get; set; } = null!;

    public IOAuthProvider Provider { get; set; } = null!;

    /// <summary>The decrypted tokens of <see cref="Integration"/>.</summary>
    public TokenSet Tokens { get; set; } = null!;

    public RefreshSchedule Schedule { get; set; }

    public void Use(Integration integration, TokenSet tokens)
    {
        Integration = integration;
        Tokens = tokens;
        Schedule = RefreshSchedule.For(tokens, Provider.TokenRefresh);
    }

    /// <summary>Whether the current tokens already answer the flight: valid, and not the rejected token.</summary>
    public bool IsSatisfiedBy(DateTimeOffset now) => Flight.Forced
        ? Schedule.IsUsable(now) && !string.Equals(Tokens.AccessToken, Flight.RejectedToken, StringComparison.Ordinal)
        : Schedule.IsFresh(now);
}
