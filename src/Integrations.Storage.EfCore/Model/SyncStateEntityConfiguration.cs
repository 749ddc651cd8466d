using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Maps <see cref="SyncStateEntity"/> to <c>{schema}.sync_states</c>: one row per integration and resource.</summary>
internal sealed class SyncStateEntityConfiguration(string schema) : IEntityTypeConfiguration<SyncStateEntity>
{
    public void Configure(EntityTypeBuilder<SyncStateEntity> b)
    {
        b.ToTable("sync_states", schema, t => t.HasComment("Sync cursor and progress per integration and resource (Integrations SDK)."));

        b.HasKey(e => e.Id).HasName("pk_sync_states");

        // The state of a resource; its prefix also serves deleting every resource of an integration.
        b.HasIndex(e => new { e.IntegrationId, e.Resource }).IsUnique().HasDatabaseName("ux_sync_states_integration_resource");

        b.Property(e => e.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        b.Property(e => e.IntegrationId).HasColumnName("integration_id");
        b.Property(e => e.Resource).HasColumnName("resource").IsRequired();
        b.Property(e => e.Cursor).HasColumnName("cursor")
            .HasComment("The provider's cursor of the next pass (sync token, delta link); NULL for a full sync.");
        b.Property(e => e.CursorDateRange).HasColumnName("cursor_date_range").HasColumnType("jsonb");
        b.Property(e => e.CursorUpdatedAt).HasColumnName("cursor_updated_at");
        b.Property(e => e.PassNumber).HasColumnName("pass_number");
        b.Property(e => e.Checkpoint).HasColumnName("checkpoint").HasColumnType("jsonb")
            .HasComment("The unfinished pass (page token, phase); NULL when the last pass completed.");
        b.Property(e => e.LocalCheckpoint).HasColumnName("local_checkpoint");
        b.Property(e => e.RecoveryPass).HasColumnName("recovery_pass");
        b.Property(e => e.PendingCreates).HasColumnName("pending_creates").HasColumnType("jsonb").IsRequired();
        b.Property(e => e.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
