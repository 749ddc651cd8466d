using System.Collections.Immutable;

namespace Integrations.Internal;

/// <summary>
/// The token vault's writes to the integration store. Each write re-applies its change to a fresh
/// read after an optimistic concurrency conflict (someone renamed the integration meanwhile), but
/// never over tokens that changed meanwhile: those came from a reconnect or another refresh, and
/// they win. Writes are not cancellable: once a provider has issued tokens (a rotating refresh
/// token is single use) they must reach the store.
/// </summary>
internal sealed class IntegrationTokenWriter(IIntegrationStore store)
{
    private const int MaxAttempts = 5;

    /// <summary>Stores refreshed tokens and a clean health record.</summary>
    /// <param name="basis">The integration as read under the refresh lease.</param>
    /// <param name="tokens">The protected new tokens.</param>
    /// <param name="grantedScopes">The scopes the refresh response reported; <see langword="null"/> keeps the granted scopes.</param>
    /// <param name="now">The time of the refresh.</param>
    /// <returns>The stored integration; <c>Applied</c> is false when its tokens had been replaced meanwhile.</returns>
    public Task<(Integration Integration, bool Applied)> SaveRefreshedAsync(Integration basis, ProtectedTokenSet tokens, ImmutableArray<string>? grantedScopes, DateTimeOffset now) =>
        UpdateAsync(basis, current => current with
        {
            Tokens = tokens,
            GrantedScopes = grantedScopes ?? current.GrantedScopes,
            Health = current.Health.WithSuccess() with { LastUsedAt = now },
            UpdatedAt = now,
        });

    /// <summary>Marks the integration <see cref="IntegrationStatus.ReauthorizationRequired"/>, keeping its ciphertext.</summary>
    /// <returns>The stored integration; <c>Applied</c> is false when it was no longer active or its tokens changed.</returns>
    public Task<(Integration Integration, bool Applied)> MarkReauthorizationRequiredAsync(Integration basis, IntegrationException error, DateTimeOffset now) =>
        UpdateAsync(basis, current => current.Status != IntegrationStatus.Active ? null : current with
        {
            Status = IntegrationStatus.ReauthorizationRequired,
            Health = current.Health.WithError(IntegrationErrorCode.ReauthorizationRequired, error.Message, now),
            UpdatedAt = now,
        });

    /// <summary>Counts a failed refresh; at <paramref name="maxConsecutiveErrors"/> an active integration goes to <see cref="IntegrationStatus.Error"/>.</summary>
    public Task<(Integration Integration, bool Applied)> RecordFailureAsync(Integration basis, IntegrationException error, DateTimeOffset now, int maxConsecutiveErrors) =>
        UpdateAsync(basis, current =>
        {
            var health = current.Health.WithError(error.Code, error.Message, now);
            var status = current.Status == IntegrationStatus.Active && health.ConsecutiveErrors >= maxConsecutiveErrors
                ? IntegrationStatus.Error
                : current.Status;
            return current with { Health = health, Status = status, UpdatedAt = now };
        });

    /// <summary>
    /// Records that the tokens were loaded for use. Best effort: a concurrent change wins and this
    /// write is dropped, since it only feeds the "last used" column.
    /// </summary>
    public async Task TouchLastUsedAsync(Integration integration, DateTimeOffset now)
    {
        try
        {
            await store.UpdateAsync(integration with { Health = integration.Health with { LastUsedAt = now } }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IntegrationException ex) when (ex.Code is IntegrationErrorCode.ConcurrencyConflict or IntegrationErrorCode.IntegrationNotFound)
        {
        }
    }

    private async Task<(Integration Integration, bool Applied)> UpdateAsync(Integration basis, Func<Integration, Integration?> change)
    {
        var ciphertext = basis.Tokens?.Ciphertext;
        for (var attempt = 1; ; attempt++)
        {
            if (change(basis) is not { } changed)
            {
                return (basis, false);
            }

            try
            {
                return (await store.UpdateAsync(changed, CancellationToken.None).ConfigureAwait(false), true);
            }
            catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ConcurrencyConflict && attempt < MaxAttempts)
            {
                basis = await store.GetAsync(basis.Owner, basis.Id, CancellationToken.None).ConfigureAwait(false) ?? throw Errors.NotFound(basis.Id);
                if (!string.Equals(basis.Tokens?.Ciphertext, ciphertext, StringComparison.Ordinal))
                {
                    return (basis, false);
                }
            }
        }
    }
}
