namespace Integrations;

/// <summary>A local item to create at the provider.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="LocalId">The host's id of the item.</param>
/// <param name="Data">The item.</param>
/// <param name="IdempotencyKey">
/// The same for every attempt to push this local version of this item (64 lowercase hex characters,
/// which are also valid Google base32hex event ids). A target should forward it to providers that
/// de-duplicate (an <c>Idempotency-Key</c> header, a client-chosen id), so that a create repeated after
/// a process kill does not create a second item.
/// </param>
public sealed record SyncRemoteCreate<TItem>(string LocalId, TItem Data, string IdempotencyKey)
    where TItem : class;
