namespace Integrations;

/// <summary>
/// The link between a remote item and its local copy, with the versions last synced on each side:
/// what makes sync idempotent (an item whose remote version matches was applied already) and echo
/// free (an item whose version matches is the sync's own write).
/// </summary>
/// <param name="ExternalId">The provider's id of the item; the key within an integration and resource.</param>
/// <param name="LocalId">The host's id of the item.</param>
/// <param name="RemoteVersion">The remote version last applied or written.</param>
/// <param name="LocalVersion">The local version last applied or pushed.</param>
/// <param name="LastSeenPass">The latest pass that saw the item remotely (or wrote it); a full pass deletes the local copies of links it did not see.</param>
public sealed record SyncItemLink(string ExternalId, string LocalId, string? RemoteVersion, string? LocalVersion, long LastSeenPass);
