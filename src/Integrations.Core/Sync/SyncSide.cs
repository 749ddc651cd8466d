namespace Integrations;

/// <summary>One of the two sides a sync keeps equal.</summary>
public enum SyncSide
{
    /// <summary>The host application's data, changed through the resource's <see cref="ISyncHandler{TItem}"/>.</summary>
    Local = 0,

    /// <summary>The provider's data, changed through the resource's <see cref="ISyncTarget{TItem}"/>.</summary>
    Remote = 1,
}
