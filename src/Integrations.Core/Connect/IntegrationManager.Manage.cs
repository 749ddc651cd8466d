using System.Collections.Immutable;

namespace Integrations.Internal;

internal sealed partial class IntegrationManager
{
    /// <inheritdoc />
    public async Task<Integration> GetAsync(IntegrationKey integration, CancellationToken cancellationToken = default)
    {
        RequireOwner(integration.Owner, nameof(integration));
        return await store.GetAsync(integration.Owner, integration.Id, cancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound(integration.Id);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default)
    {
        RequireOwner(owner, nameof(owner));
        return store.ListAsync(owner, filter, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Integration> RenameAsync(IntegrationKey integration, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        var name = displayName.Trim();
        return ChangeAsync(integration, current => current.DisplayName == name ? null : current with { DisplayName = name }, IntegrationEventType.Updated, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Integration> UpdateSettingsAsync(IntegrationKey integration, IntegrationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.SyncInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SyncInterval must be positive.", nameof(settings));
        }

        return ChangeAsync(integration, current => current with { Settings = settings }, IntegrationEventType.Updated, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Integration> UpdateMetadataAsync(IntegrationKey integration, ImmutableDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return ChangeAsync(integration, current => current with { Metadata = metadata }, IntegrationEventType.Updated, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Integration> DeactivateAsync(IntegrationKey integration, CancellationToken cancellationToken = default)
    {
        var deactivated = await ChangeAsync(
            integration,
            current => current.Status == IntegrationStatus.Disabled ? null : current with { Status = IntegrationStatus.Disabled },
            IntegrationEventType.StatusChanged,
            cancellationToken).ConfigureAwait(false);
        accessTokenCache.Invalidate(deactivated.Id);
        return deactivated;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only a deactivated integration can be reactivated; it becomes active again, or waits for
    /// reauthorization when it holds no tokens. An active one is returned unchanged.
    /// </remarks>
    public Task<Integration> ReactivateAsync(IntegrationKey integration, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            integration,
            current => current.Status switch
            {
                IntegrationStatus.Active => null,
                IntegrationStatus.Disabled => current with
                {
                    Status = current.Tokens is null ? IntegrationStatus.ReauthorizationRequired : IntegrationStatus.Active,
                },
                _ => throw new IntegrationException(IntegrationErrorCode.InvalidRequest,
                    $"Integration {current.Id} is {current.Status}; only a deactivated integration can be reactivated. Connect the account again instead.")
                { IntegrationId = current.Id, Provider = current.Provider },
            },
            IntegrationEventType.StatusChanged,
            cancellationToken);

    /// <inheritdoc />
    public async Task DisconnectAsync(IntegrationKey integration, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(integration, cancellationToken).ConfigureAwait(false);
        var revoked = await TryRevokeAsync(current, cancellationToken).ConfigureAwait(false);
        var deleted = await store.DeleteAsync(integration.Owner, integration.Id, cancellationToken).ConfigureAwait(false);
        accessTokenCache.Invalidate(integration.Id);
        if (!deleted)
        {
            // Someone else disconnected it meanwhile and raised the event.
            return;
        }

        ConnectLog.Disconnected(logger, current.Id, current.Provider, revoked);
        await RaiseAsync(IntegrationEventType.Disconnected, current).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes the grant at the provider when it can; never throws for the provider's sake (the
    /// user asked to disconnect, and the local deletion must happen).
    /// </summary>
    private async Task<bool> TryRevokeAsync(Integration integration, CancellationToken cancellationToken)
    {
        if (integration.Tokens is not { } protectedTokens)
        {
            return false;
        }

        IOAuthProvider provider;
        TokenSet tokens;
        try
        {
            provider = providers.Get(integration.Provider);
            if (!provider.SupportsRevocation)
            {
                return false;
            }

            tokens = tokenProtector.Unprotect(integration.Owner, protectedTokens);
        }
        catch (IntegrationException ex)
        {
            ConnectLog.RevocationSkipped(logger, integration.Id, integration.Provider, ex.Code.ToString());
            return false;
        }

        try
        {
            await provider.RevokeAsync(tokens, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ConnectLog.RevocationFailed(logger, ex, integration.Id, integration.Provider);
            return false;
        }
    }

    /// <summary>
    /// Reads the integration, applies <paramref name="change"/> and saves it; on a concurrency
    /// conflict, reads it again and reapplies the change (each change sets only its own fields, so
    /// the retry never overwrites someone else's). A change returning <see langword="null"/> means
    /// there is nothing to do.
    /// </summary>
    private async Task<Integration> ChangeAsync(IntegrationKey key, Func<Integration, Integration?> change, IntegrationEventType eventType, CancellationToken cancellationToken, string? reason = null)
    {
        RequireOwner(key.Owner, nameof(key));
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (change(current) is not { } changed)
            {
                return current;
            }

            Integration saved;
            try
            {
                saved = await store.UpdateAsync(changed with { UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            }
            catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ConcurrencyConflict && attempt < MaxWriteAttempts)
            {
                ConnectLog.WriteRetried(logger, key.Id, ex.Code);
                continue;
            }

            if (saved.Status != current.Status)
            {
                ConnectLog.StatusChanged(logger, saved.Id, current.Status, saved.Status);
            }

            await RaiseAsync(eventType, saved, reason).ConfigureAwait(false);
            return saved;
        }
    }
}
