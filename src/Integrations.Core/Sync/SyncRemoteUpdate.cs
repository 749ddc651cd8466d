namespace Integrations;

/// <summary>A local change to write to an existing item at the provider.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="ExternalId">The provider's id of the item.</param>
/// <param name="LocalId">The host's id of the item.</param>
/// <param name="Data">The item as it is locally.</param>
/// <param name="ExpectedRemoteVersion">
/// The remote version the engine last synced, or <see langword="null"/> to overwrite whatever is
/// there. A target sends it as a precondition (<c>If-Match</c>) and throws
/// <see cref="IntegrationException"/> with <see cref="IntegrationErrorCode.ConcurrencyConflict"/> when
/// the provider reports that the item changed or was deleted.
/// </param>
/// <param name="IdempotencyKey">The same for every attempt to push this local version (see <see cref="SyncRemoteCreate{TItem}.IdempotencyKey"/>).</param>
public sealed record SyncRemoteUpdate<TItem>(string ExternalId, string LocalId, TItem Data, string? ExpectedRemoteVersion, string IdempotencyKey)
    where TItem : class;
