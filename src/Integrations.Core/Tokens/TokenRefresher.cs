using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>
/// Runs one <see cref="RefreshFlight"/>: reads the integration, hands out its token when it is
/// fresh enough, otherwise takes the cross-process refresh lease, reads the store again (another
/// process may have refreshed already), asks the provider, stores the new tokens and only then
/// hands them out.
/// </summary>
/// <remarks>
/// Failures: <c>invalid_grant</c> marks the integration <see cref="IntegrationStatus.ReauthorizationRequired"/>
/// (the ciphertext is kept); any other failure keeps the tokens and counts an error, and a token
/// that has not expired yet is still handed out (see <see cref="TokenRefreshOptions.RetryDelay"/>).
/// Unreadable ciphertext (lost key ring, tampering) is reported as
/// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> but changes nothing in the store: a
/// process started with the wrong key ring must not mark every user it touches for reconnection.
/// </remarks>
internal sealed class TokenRefresher(
    IIntegrationStore store,
    ILeaseStore leases,
    ITokenProtector protector,
    IOAuthProviderRegistry providers,
    AccessTokenCache cache,
    IntegrationTokenWriter writer,
    IntegrationEventDispatcher events,
    IntegrationsTelemetry telemetry,
    IOptionsMonitor<IntegrationsOptions> options,
    TimeProvider timeProvider,
    ILogger<TokenRefresher> logger)
{
    private static readonly TimeSpan DefaultTimeout = new TokenRefreshOptions().RefreshTimeout;

    public static string LeaseKey(Guid integrationId) => $"integrations:refresh:{integrationId}";

    public async Task RunAsync(IntegrationKey key, RefreshFlight flight)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout, timeProvider);
        var run = new RefreshRun(key, flight, cache.GenerationOf(key.Id), timeout) { TimeoutValue = DefaultTimeout };
        try
        {
            if (await LoadAsync(run).ConfigureAwait(false))
            {
                await RefreshUnderLeaseAsync(run).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            // Timed out in the store or waiting for another process's refresh: the provider was not
            // asked, so nothing counts against the integration's health.
            TokenLog.TimedOut(logger, key.Id, run.TimeoutValue);
            var error = TokenErrors.TimedOut(key.Id, run.Provider?.Name, run.TimeoutValue, ex);
            if (!TryServeAfterFailure(run, error))
            {
                throw error;
            }
        }
    }

    /// <summary>Reads the integration and hands out its token when it needs no refresh.</summary>
    /// <returns>Whether a refresh is needed.</returns>
    private async Task<bool> LoadAsync(RefreshRun run)
    {
        var integration = await LoadActiveAsync(run.Key, run.Timeout.Token).ConfigureAwait(false);
        run.Provider = providers.Get(integration.Provider);
        var timeout = run.Provider.TokenRefresh.RefreshTimeout;
        run.TimeoutValue = timeout > TimeSpan.Zero ? timeout : DefaultTimeout;
        run.Timeout.CancelAfter(run.TimeoutValue);
        run.Use(integration, await ReadTokensAsync(integration).ConfigureAwait(false));
        TokenLog.Loaded(logger, integration.Id, integration.Provider);

        var now = timeProvider.GetUtcNow();
        if (run.Flight.Forced)
        {
            // "Refresh whatever is current": the token read now is the one to replace.
            run.Flight.RejectedToken ??= run.Tokens.AccessToken;
            if (run.IsSatisfiedBy(now))
            {
                Publish(run);
                return false;
            }
        }
        else if (run.Schedule.IsFresh(now))
        {
            Publish(run);

            // "Last used" is written when tokens are loaded or refreshed, not on every call: the hot
            // path must not touch the store. It is accurate to a token lifetime per process.
            await writer.TouchLastUsedAsync(integration, now).ConfigureAwait(false);
            return false;
        }
        else if (run.Schedule.IsUsable(now))
        {
            // Refresh-ahead window: the callers go on with the current token while it is refreshed.
            Publish(run);
        }

        if (run.Tokens.RefreshToken is null)
        {
            throw await MarkReauthorizationRequiredAsync(run.Integration, TokenErrors.NoRefreshToken(run.Integration)).ConfigureAwait(false);
        }

        return true;
    }

    private async Task RefreshUnderLeaseAsync(RefreshRun run)
    {
        var settings = options.CurrentValue;
        var cancellationToken = run.Timeout.Token;
        var leaseKey = LeaseKey(run.Key.Id);

        // Held at least as long as this refresh may run, so a slow but live holder is not overtaken.
        var leaseDuration = settings.RefreshLeaseDuration > run.TimeoutValue ? settings.RefreshLeaseDuration : run.TimeoutValue;
        Lease? lease = null;
        try
        {
            while ((lease = await leases.TryAcquireAsync(leaseKey, leaseDuration, cancellationToken).ConfigureAwait(false)) is null)
            {
                TokenLog.WaitingForLease(logger, run.Key.Id);
                await Task.Delay(settings.RefreshLeasePollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
                if (await ReloadAsync(run).ConfigureAwait(false))
                {
                    return;
                }
            }

            // Read again under the lease: another process may have refreshed since the first read,
            // and a rotating refresh token must never be sent twice.
            if (await ReloadAsync(run).ConfigureAwait(false))
            {
                return;
            }

            await RefreshAtProviderAsync(run).ConfigureAwait(false);
        }
        finally
        {
            if (lease is not null)
            {
                await leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the integration again and hands out its token when someone else already refreshed it.</summary>
    private async Task<bool> ReloadAsync(RefreshRun run)
    {
        var latest = await LoadActiveAsync(run.Key, run.Timeout.Token).ConfigureAwait(false);
        var unchanged = latest.Tokens is not null
            && string.Equals(latest.Tokens.Ciphertext, run.Integration.Tokens?.Ciphertext, StringComparison.Ordinal);
        run.Use(latest, unchanged ? run.Tokens : await ReadTokensAsync(latest).ConfigureAwait(false));
        if (!run.IsSatisfiedBy(timeProvider.GetUtcNow()))
        {
            return false;
        }

        TokenLog.Adopted(logger, run.Key.Id);
        Publish(run);
        return true;
    }

    private async Task RefreshAtProviderAsync(RefreshRun run)
    {
        var integration = run.Integration;
        var current = run.Tokens;
        TokenSet response;
        using (var activity = IntegrationsTelemetry.ActivitySource.StartActivity("integrations.token.refresh"))
        {
            activity?.SetTag("integrations.provider", integration.Provider);
            activity?.SetTag("integrations.integration_id", integration.Id);
            try
            {
                response = await run.Provider.RefreshAsync(new TokenRefreshContext(integration, current), run.Timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var error = run.Timeout.IsCancellationRequested
                    ? TokenErrors.TimedOut(integration.Id, integration.Provider, run.TimeoutValue, ex)
                    : TokenErrors.FromRefreshFailure(ex, integration);
                activity?.SetStatus(ActivityStatusCode.Error, error.Code.ToString());
                await HandleRefreshFailureAsync(run, error).ConfigureAwait(false);
                return;
            }
        }

        var receivedAt = timeProvider.GetUtcNow();
        var refreshed = Merge(current, response, receivedAt);

        // Stored before it is handed out: a process that crashes now loses nothing.
        var (stored, applied) = await writer.SaveRefreshedAsync(integration, protector.Protect(integration.Owner, refreshed), response.Scopes, receivedAt).ConfigureAwait(false);
        CountRefresh(integration.Provider, "success");
        TokenLog.Refreshed(logger, integration.Id, integration.Provider, refreshed.ExpiresAt);
        EnsureActive(stored);
        if (!applied)
        {
            // The tokens were replaced while this refresh ran (the user connected again): theirs win.
            run.Use(stored, await ReadTokensAsync(stored).ConfigureAwait(false));
            Publish(run);
            return;
        }

        run.Use(stored, refreshed);
        Publish(run);
        await events.RaiseAsync(new IntegrationEvent(IntegrationEventType.TokenRefreshed, stored, receivedAt), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task HandleRefreshFailureAsync(RefreshRun run, IntegrationException error)
    {
        var integration = run.Integration;
        if (error.Code == IntegrationErrorCode.ReauthorizationRequired)
        {
            CountRefresh(integration.Provider, "reauthorization_required");
            throw await MarkReauthorizationRequiredAsync(integration, error).ConfigureAwait(false);
        }

        CountRefresh(integration.Provider, run.Timeout.IsCancellationRequested ? "timeout" : "error");
        var now = timeProvider.GetUtcNow();
        var (stored, applied) = await writer.RecordFailureAsync(integration, error, now, options.CurrentValue.MaxConsecutiveErrors).ConfigureAwait(false);
        TokenLog.RefreshFailed(logger, error, integration.Id, integration.Provider, error.Code, stored.Health.ConsecutiveErrors);
        if (applied)
        {
            run.Integration = stored;
            if (stored.Status == IntegrationStatus.Error && integration.Status == IntegrationStatus.Active)
            {
                cache.Invalidate(stored.Id);
                TokenLog.StatusSetToError(logger, stored.Id, stored.Provider, stored.Health.ConsecutiveErrors);
                await events.RaiseAsync(new IntegrationEvent(IntegrationEventType.StatusChanged, stored, now, error.Message), CancellationToken.None).ConfigureAwait(false);
                throw error;
            }
        }

        if (!TryServeAfterFailure(run, error))
        {
            throw error;
        }
    }

    /// <summary>
    /// Graceful degradation: after a failed refresh, a token that has not expired yet is still
    /// handed out, and the refresh is tried again only after the retry delay.
    /// </summary>
    private bool TryServeAfterFailure(RefreshRun run, IntegrationException error)
    {
        var now = timeProvider.GetUtcNow();
        if (run.Flight.Forced || run.Tokens is null || run.Integration.Status != IntegrationStatus.Active || run.Schedule.IsExpired(now))
        {
            return false;
        }

        var delay = run.Provider.TokenRefresh.RetryDelay;
        if (error.RetryAfter is { } retryAfter && retryAfter > delay)
        {
            delay = retryAfter;
        }

        var retryAt = now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        var freshUntil = retryAt < run.Schedule.ExpiresAt ? retryAt : run.Schedule.ExpiresAt;
        Publish(run, new CachedAccessToken(run.Integration.Owner, AccessTokenFor(run), freshUntil, run.Schedule.UsableUntil));
        TokenLog.ServingAfterFailure(logger, run.Key.Id, run.Schedule.ExpiresAt, retryAt);
        return true;
    }

    private async Task<Integration> LoadActiveAsync(IntegrationKey key, CancellationToken cancellationToken)
    {
        var integration = await store.GetAsync(key.Owner, key.Id, cancellationToken).ConfigureAwait(false) ?? throw Errors.NotFound(key.Id);
        EnsureActive(integration);
        return integration;
    }

    private void EnsureActive(Integration integration)
    {
        if (integration.Status != IntegrationStatus.Active)
        {
            cache.Invalidate(integration.Id);
            throw Errors.Inactive(integration);
        }
    }

    private async Task<TokenSet> ReadTokensAsync(Integration integration)
    {
        if (integration.Tokens is null)
        {
            throw await MarkReauthorizationRequiredAsync(integration, TokenErrors.NoTokens(integration)).ConfigureAwait(false);
        }

        try
        {
            return protector.Unprotect(integration.Owner, integration.Tokens);
        }
        catch (IntegrationException ex)
        {
            TokenLog.Unreadable(logger, ex, integration.Id, integration.Provider);
            throw TokenErrors.ForIntegration(ex, integration);
        }
    }

    /// <summary>Marks the integration for reconnection and returns the error to throw to every waiting caller.</summary>
    private async Task<IntegrationException> MarkReauthorizationRequiredAsync(Integration integration, IntegrationException error)
    {
        var now = timeProvider.GetUtcNow();
        var (stored, applied) = await writer.MarkReauthorizationRequiredAsync(integration, error, now).ConfigureAwait(false);
        cache.Invalidate(integration.Id);
        if (applied)
        {
            TokenLog.ReauthorizationRequired(logger, integration.Id, integration.Provider, error.Message);
            await events.RaiseAsync(new IntegrationEvent(IntegrationEventType.ReauthorizationRequired, stored, now, error.Message), CancellationToken.None).ConfigureAwait(false);
        }

        return TokenErrors.ForIntegration(error, integration);
    }

    private void Publish(RefreshRun run) =>
        Publish(run, new CachedAccessToken(run.Integration.Owner, AccessTokenFor(run), run.Schedule.FreshUntil, run.Schedule.UsableUntil));

    private void Publish(RefreshRun run, CachedAccessToken entry)
    {
        cache.TrySet(run.Key.Id, entry, run.CacheGeneration);
        run.Flight.Publish(entry.Token, Math.Max(entry.FreshUntil, entry.UsableUntil));
    }

    /// <summary>The cached instance when it holds the same token, so callers keep getting one instance.</summary>
    private AccessToken AccessTokenFor(RefreshRun run)
    {
        var tokens = run.Tokens;
        return cache.TryGet(run.Key.Id, out var cached)
            && cached.IsOwnedBy(run.Integration.Owner)
            && string.Equals(cached.Token.Value, tokens.AccessToken, StringComparison.Ordinal)
            && cached.Token.ExpiresAt == tokens.ExpiresAt
                ? cached.Token
                : new AccessToken(tokens.AccessToken, string.IsNullOrEmpty(tokens.TokenType) ? "Bearer" : tokens.TokenType, tokens.ExpiresAt);
    }

    private void CountRefresh(string provider, string outcome) =>
        telemetry.Refreshes.Add(1, IntegrationsTelemetry.Provider(provider), IntegrationsTelemetry.Outcome(outcome));

    private static TokenSet Merge(TokenSet current, TokenSet response, DateTimeOffset receivedAt) => response with
    {
        // A response without a refresh token (or scopes) means: keep the one you have.
        RefreshToken = response.RefreshToken ?? current.RefreshToken,
        RefreshTokenExpiresAt = response.RefreshTokenExpiresAt ?? (response.RefreshToken is null ? current.RefreshTokenExpiresAt : null),
        TokenType = string.IsNullOrEmpty(response.TokenType) ? current.TokenType : response.TokenType,
        Scopes = response.Scopes ?? current.Scopes,
        IdToken = response.IdToken ?? current.IdToken,
        IssuedAt = response.IssuedAt ?? receivedAt,
    };
}
