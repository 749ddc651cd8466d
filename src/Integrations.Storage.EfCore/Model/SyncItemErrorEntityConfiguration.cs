using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Maps <see cref="SyncItemErrorEntity"/> to <c>{schema}.sync_item_errors</c>, deleted with their run.</summary>
internal sealed class SyncItemErrorEntityConfiguration(string schema) : IEntityTypeConfiguration<SyncItemErrorEntity>
{
    public void Configure(EntityTypeBuilder<SyncItemErrorEntity> b)
    {
        b.ToTable("sync_item_errors", schema, t => t.HasComment("The items a sync run could not sync, in the order they failed (Integrations SDK)."));

        // Reads a run's errors in order.
        b.HasKey(e => new { e.RunId, e.Ordinal }).HasName("pk_sync_item_errors");

        b.Property(e => e.RunId).HasColumnName("run_id");
        b.Property(e => e.Ordinal).HasColumnName("ordinal");
        b.Property(e => e.Side).HasColumnName("side").HasComment("The side the write failed on: 0 Local, 1 Remote.");
        b.Property(e => e.ItemId).HasColumnName("item_id").IsRequired()
            .HasComment("The external id (pull) or the local id (push) of the item.");
        b.Property(e => e.Code).HasColumnName("code").IsRequired();
        b.Property(e => e.Message).HasColumnName("message").IsRequired();
    }
}
