namespace Integrations;

/// <summary>A local deletion to write to the provider.</summary>
/// <param name="ExternalId">The provider's id of the item.</param>
/// <param name="LocalId">The host's id of the deleted item.</param>
/// <param name="ExpectedRemoteVersion">The remote version the engine last synced, or <see langword="null"/> to delete unconditionally (see <see cref="SyncRemoteUpdate{TItem}.ExpectedRemoteVersion"/>).</param>
/// <param name="IdempotencyKey">The same for every attempt to push this deletion.</param>
public sealed record SyncRemoteDelete(string ExternalId, string LocalId, string? ExpectedRemoteVersion, string IdempotencyKey);
