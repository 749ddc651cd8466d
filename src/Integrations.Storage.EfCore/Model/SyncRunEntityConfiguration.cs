using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Maps <see cref="SyncRunEntity"/> to <c>{schema}.sync_runs</c>, the sync history.</summary>
internal sealed class SyncRunEntityConfiguration(string schema) : IEntityTypeConfiguration<SyncRunEntity>
{
    /// <summary>The predicate of the running-runs index; the store's query repeats it so the planner can use the index.</summary>
    public const string RunningFilter = "status = 0";

    /// <summary>The predicate of the retention index.</summary>
    public const string CompletedFilter = "status <> 0";

    public void Configure(EntityTypeBuilder<SyncRunEntity> b)
    {
        b.ToTable("sync_runs", schema, t => t.HasComment("The sync history: one row per run of one resource (Integrations SDK)."));
        b.HasKey(e => e.Id).HasName("pk_sync_runs");

        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(e => e.IntegrationId).HasColumnName("integration_id");
        b.Property(e => e.TenantId).HasColumnName("tenant_id").IsRequired()
            .HasComment("The owner's tenant; the empty string when the host has no tenants.");
        b.Property(e => e.UserId).HasColumnName("user_id").IsRequired();
        b.Property(e => e.Provider).HasColumnName("provider").IsRequired();
        b.Property(e => e.Resource).HasColumnName("resource").IsRequired();
        b.Property(e => e.Type).HasColumnName("type").HasComment("0 Initial, 1 Manual, 2 Scheduled, 3 Webhook.");
        b.Property(e => e.TriggeredBy).HasColumnName("triggered_by");
        b.Property(e => e.Direction).HasColumnName("direction").HasComment("0 Pull, 1 Push, 2 Both.");
        b.Property(e => e.IsDryRun).HasColumnName("is_dry_run");
        b.Property(e => e.IsFullResync).HasColumnName("is_full_resync");
        b.Property(e => e.DateRange).HasColumnName("date_range").HasColumnType("jsonb");
        b.Property(e => e.Status).HasColumnName("status")
            .HasComment("0 Running, 1 Succeeded, 2 PartiallySucceeded, 3 Failed, 4 Cancelled.");
        b.Property(e => e.LocalProcessed).HasColumnName("local_processed");
        b.Property(e => e.LocalCreated).HasColumnName("local_created");
        b.Property(e => e.LocalUpdated).HasColumnName("local_updated");
        b.Property(e => e.LocalDeleted).HasColumnName("local_deleted");
        b.Property(e => e.LocalSkipped).HasColumnName("local_skipped");
        b.Property(e => e.LocalFailed).HasColumnName("local_failed");
        b.Property(e => e.RemoteProcessed).HasColumnName("remote_processed");
        b.Property(e => e.RemoteCreated).HasColumnName("remote_created");
        b.Property(e => e.RemoteUpdated).HasColumnName("remote_updated");
        b.Property(e => e.RemoteDeleted).HasColumnName("remote_deleted");
        b.Property(e => e.RemoteSkipped).HasColumnName("remote_skipped");
        b.Property(e => e.RemoteFailed).HasColumnName("remote_failed");
        b.Property(e => e.Conflicts).HasColumnName("conflicts");
        b.Property(e => e.Pages).HasColumnName("pages");
        b.Property(e => e.ErrorCode).HasColumnName("error_code");
        b.Property(e => e.ErrorMessage).HasColumnName("error_message");
        b.Property(e => e.ResumeAt).HasColumnName("resume_at");
        b.Property(e => e.CursorBefore).HasColumnName("cursor_before");
        b.Property(e => e.CursorAfter).HasColumnName("cursor_after");
        b.Property(e => e.StartedAt).HasColumnName("started_at");
        b.Property(e => e.CompletedAt).HasColumnName("completed_at");

        b.HasMany(e => e.Errors).WithOne().HasForeignKey(e => e.RunId)
            .HasConstraintName("fk_sync_item_errors_sync_runs").OnDelete(DeleteBehavior.Cascade);

        // The history of an integration, newest first (filters by owner, resource, status and
        // time window apply on top).
        b.HasIndex(e => new { e.IntegrationId, e.StartedAt, e.Id }).IsDescending(false, true, true)
            .HasDatabaseName("ix_sync_runs_history");

        // The engine's look-up of runs still marked running (few rows: a partial index).
        b.HasIndex(e => new { e.IntegrationId, e.Resource })
            .HasDatabaseName("ix_sync_runs_running").HasFilter(RunningFilter);

        // History retention: completed runs by start time, across integrations.
        b.HasIndex(e => e.StartedAt)
            .HasDatabaseName("ix_sync_runs_completed_started_at").HasFilter(CompletedFilter);
    }
}
