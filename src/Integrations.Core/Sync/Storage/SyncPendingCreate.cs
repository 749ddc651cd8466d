namespace Integrations;

/// <summary>
/// A create about to be sent to the provider, saved before it is sent: if the process is killed
/// after the provider created the item but before its link was saved, the next run repeats the
/// create with the same idempotency key, learns the item's id and links it, instead of importing it
/// as a new item.
/// </summary>
/// <param name="LocalId">The local item being created remotely.</param>
/// <param name="LocalVersion">The local version being created.</param>
/// <param name="IdempotencyKey">The key the create is sent with.</param>
public sealed record SyncPendingCreate(string LocalId, string? LocalVersion, string IdempotencyKey);
