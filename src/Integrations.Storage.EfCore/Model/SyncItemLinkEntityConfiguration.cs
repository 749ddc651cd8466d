using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Maps <see cref="SyncItemLinkEntity"/> to <c>{schema}.sync_item_links</c>. A link belongs to its
/// state's surrogate id, so every index leads with one narrow column: smaller indexes, and a
/// planner that cannot mistake another index's (integration, resource) prefix for a cheap path
/// while the table has no statistics yet. The ids compare byte-wise (<c>COLLATE "C"</c>) whatever
/// the database's collation: reconciliation pages through links in ordinal order of external id,
/// and byte-wise comparison is also the cheapest for the indexes.
/// </summary>
/// <remarks>
/// No foreign key to <c>sync_states</c>: the links are written only by the commit statement that
/// also holds the state's row, and deleted with it; a foreign key would add a look-up per link
/// written (500 per page).
/// </remarks>
internal sealed class SyncItemLinkEntityConfiguration(string schema) : IEntityTypeConfiguration<SyncItemLinkEntity>
{
    public const string OrdinalCollation = "C";

    public void Configure(EntityTypeBuilder<SyncItemLinkEntity> b)
    {
        b.ToTable("sync_item_links", schema, t => t.HasComment("Links between remote items and local items, with the versions last synced (Integrations SDK)."));

        // Finds a page's links by external id; its prefix counts and deletes a state's links.
        b.HasKey(e => new { e.StateId, e.ExternalId }).HasName("pk_sync_item_links");

        b.Property(e => e.StateId).HasColumnName("state_id");
        b.Property(e => e.ExternalId).HasColumnName("external_id").UseCollation(OrdinalCollation);
        b.Property(e => e.LocalId).HasColumnName("local_id").IsRequired().UseCollation(OrdinalCollation);
        b.Property(e => e.RemoteVersion).HasColumnName("remote_version");
        b.Property(e => e.LocalVersion).HasColumnName("local_version");
        b.Property(e => e.LastSeenPass).HasColumnName("last_seen_pass")
            .HasComment("The latest pass that saw the item remotely; a full pass deletes the local copies of links it did not see.");

        // Pushing local changes: their links by local id.
        b.HasIndex(e => new { e.StateId, e.LocalId })
            .HasDatabaseName("ix_sync_item_links_local_id");

        // Reconciliation: the links a full pass did not see, in external-id order after a key.
        b.HasIndex(e => new { e.StateId, e.LastSeenPass, e.ExternalId })
            .HasDatabaseName("ix_sync_item_links_not_seen");
    }
}
