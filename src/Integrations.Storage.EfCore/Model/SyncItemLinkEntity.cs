namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one <see cref="SyncItemLink"/>. Written only by the batched statement of <see cref="EfCoreSyncStateStore{TContext}.CommitAsync"/>.</summary>
internal sealed class SyncItemLinkEntity
{
    /// <summary>The <see cref="SyncStateEntity.Id"/> of the integration and resource the link belongs to.</summary>
    public long StateId { get; set; }

    public string ExternalId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string? RemoteVersion { get; set; }

    public string? LocalVersion { get; set; }

    public long LastSeenPass { get; set; }
}
