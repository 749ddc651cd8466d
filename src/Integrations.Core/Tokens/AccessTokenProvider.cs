using System.Collections.Concurrent;

namespace Integrations.Internal;

/// <summary>
/// The default <see cref="IAccessTokenProvider"/>. A valid cached token is returned synchronously
/// without allocating; everything else goes through one <see cref="RefreshFlight"/> per integration
/// (single-flight), run by <see cref="TokenRefresher"/> under its own timeout.
/// </summary>
internal sealed class AccessTokenProvider(AccessTokenCache cache, TokenRefresher refresher, TimeProvider timeProvider) : IAccessTokenProvider
{
    private readonly ConcurrentDictionary<Guid, RefreshFlight> _flights = new();

    public ValueTask<AccessToken> GetAccessTokenAsync(IntegrationKey integration, CancellationToken cancellationToken = default)
    {
        // Hot path: no locks, no allocations, no async state machine.
        if (cache.TryGet(integration.Id, out var cached) && cached.IsOwnedBy(integration.Owner))
        {
            var now = timeProvider.GetUtcNow().UtcTicks;
            if (now < cached.FreshUntil)
            {
                return new ValueTask<AccessToken>(cached.Token);
            }

            if (now < cached.UsableUntil)
            {
                RefreshInBackground(integration);
                return new ValueTask<AccessToken>(cached.Token);
            }
        }

        return WaitForFlightAsync(integration, forced: false, rejectedToken: null, cancellationToken);
    }

    public ValueTask<AccessToken> RefreshAccessTokenAsync(IntegrationKey integration, AccessToken? rejectedToken, CancellationToken cancellationToken = default)
    {
        var rejected = rejectedToken?.Value;
        if (rejected is not null && TryGetCached(integration, rejected, out var replacement))
        {
            // Someone already replaced the rejected token.
            return new ValueTask<AccessToken>(replacement);
        }

        return WaitForFlightAsync(integration, forced: true, rejected, cancellationToken);
    }

    /// <summary>Completes when no flight of the integration is running (for tests and benchmarks).</summary>
    internal Task WhenIdleAsync(Guid integrationId) =>
        _flights.TryGetValue(integrationId, out var flight) ? flight.Done.Task : Task.CompletedTask;

    private void RefreshInBackground(IntegrationKey integration)
    {
        if (_flights.ContainsKey(integration.Id))
        {
            return;
        }

        var flight = new RefreshFlight(integration.Owner, forced: false, rejectedToken: null);
        if (_flights.TryAdd(integration.Id, flight))
        {
            // Off the caller's thread: the caller already has its token.
            Detached(() => Task.Run(() => RunAsync(integration, flight)));
        }
    }

    private async ValueTask<AccessToken> WaitForFlightAsync(IntegrationKey integration, bool forced, string? rejectedToken, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_flights.TryGetValue(integration.Id, out var flight))
            {
                if (flight.CanServe(integration.Owner, forced, rejectedToken, timeProvider.GetUtcNow().UtcTicks))
                {
                    return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                // Another owner's flight, or one that may hand back the rejected token: let it end,
                // then look again (its result may be in the cache by then).
                await flight.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (TryGetCached(integration, rejectedToken, out var token))
                {
                    return token;
                }

                continue;
            }

            flight = new RefreshFlight(integration.Owner, forced, rejectedToken);
            if (_flights.TryAdd(integration.Id, flight))
            {
                Detached(() => RunAsync(integration, flight));

                // The caller's token cancels only this wait; the flight goes on for the others.
                return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private bool TryGetCached(IntegrationKey integration, string? rejectedToken, out AccessToken token)
    {
        if (cache.TryGet(integration.Id, out var cached)
            && cached.IsOwnedBy(integration.Owner)
            && cached.IsUsableAt(timeProvider.GetUtcNow().UtcTicks)
            && !string.Equals(cached.Token.Value, rejectedToken, StringComparison.Ordinal))
        {
            token = cached.Token;
            return true;
        }

        token = null!;
        return false;
    }

    private async Task RunAsync(IntegrationKey integration, RefreshFlight flight)
    {
        try
        {
            await refresher.RunAsync(integration, flight).ConfigureAwait(false);
        }
        catch (IntegrationException ex)
        {
            flight.Fail(ex);
        }
        catch (Exception ex)
        {
            flight.Fail(TokenErrors.Unexpected(integration.Id, ex));
        }
        finally
        {
            _flights.TryRemove(KeyValuePair.Create(integration.Id, flight));
            if (!flight.Completion.Task.IsCompleted)
            {
                flight.Fail(TokenErrors.Unexpected(integration.Id, new InvalidOperationException("The token flight ended without a result.")));
            }

            flight.Done.TrySetResult();
        }
    }

    /// <summary>
    /// Starts a flight without the caller's execution context: it serves many callers, so it must
    /// not carry the first one's ambient state (activity, logging scopes, ambient transactions)
    /// into its continuations.
    /// </summary>
    private static void Detached(Func<Task> start)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            _ = start();
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _ = start();
        }
    }
}
