namespace Integrations.Internal;

internal sealed partial class IntegrationManager
{
    /// <inheritdoc />
    public async Task<Integration> MarkRevokedAsync(IntegrationKey integration, string? reason = null, CancellationToken cancellationToken = default)
    {
        var revoked = await ChangeAsync(
            integration,
            current => current is { Status: IntegrationStatus.Revoked, Tokens: null } ? null : current with { Status = IntegrationStatus.Revoked, Tokens = null },
            IntegrationEventType.Revoked,
            cancellationToken,
            ProviderText.Clean(reason)).ConfigureAwait(false);

        // Also when nothing changed: a token cached before a concurrent revocation must not be served.
        accessTokenCache.Invalidate(revoked.Id);
        return revoked;
    }
}
