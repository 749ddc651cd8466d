using Microsoft.AspNetCore.DataProtection;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

internal sealed partial class IntegrationManager
{
    private long _nextPendingCleanupTicks;

    /// <inheritdoc />
    public async Task<ConnectStart> BeginConnectAsync(BeginConnectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireOwner(request.Owner, nameof(request));
        ArgumentNullException.ThrowIfNull(request.RedirectUri);
        if (!request.RedirectUri.IsAbsoluteUri)
        {
            throw new ArgumentException("RedirectUri must be an absolute URL registered at the provider.", nameof(request));
        }

        if (request.ExtraParameters.Keys.FirstOrDefault(AuthorizationParameterNames.IsReserved) is { } reserved)
        {
            throw new ArgumentException($"ExtraParameters must not set '{reserved}'; the SDK sets {AuthorizationParameterNames.List} itself.", nameof(request));
        }

        var provider = providers.Get(request.Provider);
        var scopes = request.Scopes.IsDefaultOrEmpty ? [.. provider.DefaultScopes] : request.Scopes;
        if (scopes.FirstOrDefault(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)) is { } badScope)
        {
            throw new ArgumentException($"The scope '{badScope}' is empty or contains whitespace.", nameof(request));
        }

        var now = timeProvider.GetUtcNow();
        var state = ConnectSecrets.NewRandomValue();
        var stateHash = ConnectSecrets.Sha256(state);
        var verifier = ConnectSecrets.NewRandomValue();
        var nonce = ConnectSecrets.NewRandomValue();

        // The URL first: when the provider cannot build it (discovery down), nothing is stored.
        var authorizationUrl = await provider.CreateAuthorizationUrlAsync(new AuthorizationUrlContext
        {
            State = state,
            CodeChallenge = ConnectSecrets.Sha256(verifier),
            Scopes = scopes,
            RedirectUri = request.RedirectUri,
            Nonce = nonce,
            LoginHint = request.LoginHint,
            ExtraParameters = request.ExtraParameters,
        }, cancellationToken).ConfigureAwait(false);

        var pending = new PendingAuthorization
        {
            StateHash = stateHash,
            TenantId = request.Owner.TenantId,
            UserId = request.Owner.UserId,
            Provider = provider.Name,
            Scopes = scopes,
            RedirectUri = request.RedirectUri,
            ProtectedCodeVerifier = VerifierProtector(stateHash).Protect(verifier),
            Nonce = nonce,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            Properties = request.Properties,
            CreatedAt = now,
            ExpiresAt = now + options.Value.PendingAuthorizationLifetime,
        };
        await pendingAuthorizations.AddAsync(pending, cancellationToken).ConfigureAwait(false);
        await DeleteExpiredPendingAsync(now, cancellationToken).ConfigureAwait(false);
        ConnectLog.Begun(logger, provider.Name, request.Owner, pending.ExpiresAt);
        return new ConnectStart(authorizationUrl, state, pending.ExpiresAt);
    }

    /// <inheritdoc />
    public async Task<ConnectResult> CompleteConnectAsync(IntegrationOwner owner, ConnectCallback callback, CancellationToken cancellationToken = default)
    {
        RequireOwner(owner, nameof(owner));
        ArgumentNullException.ThrowIfNull(callback);
        using var activity = IntegrationsTelemetry.ActivitySource.StartActivity("integrations.connect.complete");
        var provider = "unknown";
        try
        {
            var pending = await ConsumePendingAsync(owner, callback, cancellationToken).ConfigureAwait(false);
            provider = pending.Provider;
            activity?.SetTag("integrations.provider", provider);
            var result = await CompleteAsync(owner, pending, callback, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("integrations.integration_id", result.Integration.Id);
            telemetry.Connects.Add(1, IntegrationsTelemetry.Provider(provider), IntegrationsTelemetry.Outcome("success"));
            return result;
        }
        catch (IntegrationException ex)
        {
            telemetry.Connects.Add(1, IntegrationsTelemetry.Provider(provider), IntegrationsTelemetry.Outcome(ex.Code.ToString()));
            activity?.SetStatus(ActivityStatusCode.Error, ex.Code.ToString());
            throw;
        }
        catch (OperationCanceledException)
        {
            telemetry.Connects.Add(1, IntegrationsTelemetry.Provider(provider), IntegrationsTelemetry.Outcome("cancelled"));
            throw;
        }
    }

    /// <summary>
    /// Finds the pending authorization of the callback's state and consumes it. Every check comes
    /// before the consumption, so a forged, foreign or stale callback changes nothing.
    /// </summary>
    private async Task<PendingAuthorization> ConsumePendingAsync(IntegrationOwner owner, ConnectCallback callback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(callback.State))
        {
            throw InvalidState("the callback carries no state");
        }

        var stateHash = ConnectSecrets.Sha256(callback.State);
        var pending = await pendingAuthorizations.GetAsync(stateHash, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            throw InvalidState("the state is unknown or was already used");
        }

        if (pending.Owner != owner)
        {
            throw InvalidState("the state was issued to another user");
        }

        if (pending.ExpiresAt <= timeProvider.GetUtcNow())
        {
            throw InvalidState("the state has expired; start connecting again");
        }

        if (!await pendingAuthorizations.TryConsumeAsync(stateHash, cancellationToken).ConfigureAwait(false))
        {
            throw InvalidState("the state was already used");
        }

        return pending;
    }

    private async Task<ConnectResult> CompleteAsync(IntegrationOwner owner, PendingAuthorization pending, ConnectCallback callback, CancellationToken cancellationToken)
    {
        if (callback.Error is { } error)
        {
            ConnectLog.ProviderRefused(logger, pending.Provider, error);
            var description = ProviderText.Clean(callback.ErrorDescription);
            throw new IntegrationException(
                error == "access_denied" ? IntegrationErrorCode.AccessDenied : IntegrationErrorCode.OAuthError,
                $"{pending.Provider} refused the authorization ({ProviderText.Clean(error)}{(description is null ? "" : ": " + description)}).")
            { Provider = pending.Provider, ProviderError = error };
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            throw new IntegrationException(IntegrationErrorCode.OAuthError, $"The {pending.Provider} callback carries neither a code nor an error.") { Provider = pending.Provider };
        }

        var provider = providers.Get(pending.Provider);
        string verifier;
        try
        {
            verifier = VerifierProtector(pending.StateHash).Unprotect(pending.ProtectedCodeVerifier);
        }
        catch (CryptographicException ex)
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidState, "The pending authorization cannot be read (the Data Protection key ring changed); start connecting again.", ex)
            { Provider = pending.Provider };
        }

        var tokens = await provider.ExchangeCodeAsync(new CodeExchangeContext
        {
            Code = callback.Code,
            CodeVerifier = verifier,
            RedirectUri = pending.RedirectUri,
            Nonce = pending.Nonce,
            Callback = callback,
        }, cancellationToken).ConfigureAwait(false);
        var account = await provider.GetAccountAsync(tokens, cancellationToken).ConfigureAwait(false);
        var scopes = provider.GetGrantedScopes(callback, tokens, pending.Scopes).ToImmutableArray();

        var (integration, isNew) = await UpsertAsync(owner, pending, account, tokens, scopes, cancellationToken).ConfigureAwait(false);
        accessTokenCache.Invalidate(integration.Id);
        ConnectLog.Connected(logger, integration.Id, integration.Provider, isNew);
        await RaiseAsync(isNew ? IntegrationEventType.Connected : IntegrationEventType.Reconnected, integration).ConfigureAwait(false);
        return new ConnectResult(integration, isNew, pending.Properties);
    }

    /// <summary>
    /// Creates the integration, or updates the owner's integration of the same external account.
    /// A concurrent completion for the same account makes one side re-read and update.
    /// </summary>
    private async Task<(Integration Integration, bool IsNew)> UpsertAsync(
        IntegrationOwner owner, PendingAuthorization pending, ExternalAccount account, TokenSet tokens, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var existing = await store.FindByExternalAccountAsync(owner, pending.Provider, account.Id, cancellationToken).ConfigureAwait(false);
            try
            {
                if (existing is null)
                {
                    var created = new Integration
                    {
                        Id = Guid.CreateVersion7(now),
                        TenantId = owner.TenantId,
                        UserId = owner.UserId,
                        Provider = pending.Provider,
                        DisplayName = pending.DisplayName ?? account.Name ?? account.Email ?? account.Username ?? account.Id,
                        Account = account,
                        GrantedScopes = scopes,
                        Status = IntegrationStatus.Active,
                        Tokens = tokenProtector.Protect(owner, tokens),
                        NextSyncAt = IntegrationSettings.Default.AutoSync ? now : null,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    return (await store.AddAsync(created, cancellationToken).ConfigureAwait(false), true);
                }

                var updated = existing with
                {
                    DisplayName = pending.DisplayName ?? existing.DisplayName,
                    Account = account,
                    GrantedScopes = scopes,
                    Status = IntegrationStatus.Active,
                    Tokens = tokenProtector.Protect(owner, KeepRefreshToken(existing, tokens)),
                    Health = existing.Health with { LastErrorCode = null, LastErrorMessage = null, LastErrorAt = null, ConsecutiveErrors = 0 },
                    NextSyncAt = existing.NextSyncAt ?? (existing.Settings.AutoSync ? now : null),
                    UpdatedAt = now,
                };
                return (await store.UpdateAsync(updated, cancellationToken).ConfigureAwait(false), false);
            }
            catch (IntegrationException ex) when (attempt < MaxWriteAttempts
                && ex.Code is IntegrationErrorCode.DuplicateIntegration or IntegrationErrorCode.ConcurrencyConflict or IntegrationErrorCode.IntegrationNotFound)
            {
                ConnectLog.WriteRetried(logger, existing?.Id, ex.Code);
            }
        }
    }

    /// <summary>
    /// A reconnect whose response carries no refresh token (Google issues one only on first
    /// consent) keeps the stored one, unless the grant behind it is known to be dead.
    /// </summary>
    private TokenSet KeepRefreshToken(Integration existing, TokenSet tokens)
    {
        if (tokens.RefreshToken is not null
            || existing.Tokens is not { HasRefreshToken: true } stored
            || existing.Status is IntegrationStatus.ReauthorizationRequired or IntegrationStatus.Revoked)
        {
            return tokens;
        }

        TokenSet previous;
        try
        {
            previous = tokenProtector.Unprotect(existing.Owner, stored);
        }
        catch (IntegrationException)
        {
            return tokens;
        }

        return previous.RefreshToken is null ? tokens : tokens with { RefreshToken = previous.RefreshToken, RefreshTokenExpiresAt = previous.RefreshTokenExpiresAt };
    }

    /// <summary>Deletes expired pending authorizations, at most once per pending-authorization lifetime.</summary>
    private async Task DeleteExpiredPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPendingCleanupTicks);
        if (now.UtcTicks < due
            || Interlocked.CompareExchange(ref _nextPendingCleanupTicks, (now + options.Value.PendingAuthorizationLifetime).UtcTicks, due) != due)
        {
            return;
        }

        try
        {
            var deleted = await pendingAuthorizations.DeleteExpiredAsync(now, cancellationToken).ConfigureAwait(false);
            ConnectLog.ExpiredPendingDeleted(logger, deleted);
        }
        catch (Exception ex)
        {
            // Housekeeping: the authorization is already stored, so neither a failure nor the
            // caller's cancellation here should fail the begin.
            ConnectLog.ExpiredPendingCleanupFailed(logger, ex);
        }
    }

    private IntegrationException InvalidState(string reason)
    {
        ConnectLog.StateRejected(logger, reason);
        return new IntegrationException(IntegrationErrorCode.InvalidState, $"The authorization cannot be completed: {reason}.");
    }
}
