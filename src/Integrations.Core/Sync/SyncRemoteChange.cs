namespace Integrations;

/// <summary>A remote change for the host's <see cref="ISyncHandler{TItem}"/> to apply.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="Item">The change as the source read it (for a reconciliation deletion, a deletion without version).</param>
/// <param name="LocalId">The host's id the item is linked to, or <see langword="null"/> when the item is new to the host.</param>
/// <param name="PreviousRemoteVersion">The remote version applied last time, or <see langword="null"/>.</param>
/// <param name="PossibleRedelivery">
/// <see langword="true"/> when this exact change may have been applied already by a run that was
/// killed before it could record it (see <see cref="ISyncHandler{TItem}"/>). Never
/// <see langword="true"/> otherwise.
/// </param>
public sealed record SyncRemoteChange<TItem>(SyncItem<TItem> Item, string? LocalId, string? PreviousRemoteVersion, bool PossibleRedelivery)
    where TItem : class
{
    /// <summary>The provider's id of the item.</summary>
    public string ExternalId => Item.ExternalId;

    /// <summary>The remote version being applied: with <see cref="ExternalId"/>, the idempotency key of this change.</summary>
    public string? RemoteVersion => Item.RemoteVersion;
}
