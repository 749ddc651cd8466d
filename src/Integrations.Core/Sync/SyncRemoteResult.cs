namespace Integrations;

/// <summary>What the provider returned for a write: the item's id and its new version.</summary>
/// <param name="ExternalId">The provider's id of the item (new for a create).</param>
/// <param name="RemoteVersion">
/// The item's version after the write. The engine records it, so the next pull recognizes the
/// item as its own write and does not import it again (echo suppression).
/// </param>
public sealed record SyncRemoteResult(string ExternalId, string? RemoteVersion);
