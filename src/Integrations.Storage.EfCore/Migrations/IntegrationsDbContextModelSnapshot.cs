using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Integrations.Storage.EfCore.Internal.Migrations;

/// <summary>
/// The model as of the latest migration, which EF Core compares with the current model
/// (<c>HasPendingModelChanges</c>). Written by hand: when the model changes, add a migration
/// and bring this snapshot to the new model; <c>MigrationsMatchModelTests</c> fails until both agree.
/// </summary>
[DbContext(typeof(IntegrationsDbContext))]
internal sealed class IntegrationsDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.14")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);

        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.IntegrationEntity", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid").HasColumnName("id");
            b.Property<string>("TenantId").IsRequired().IsConcurrencyToken().HasColumnType("text").HasColumnName("tenant_id")
                .HasComment("The owner's tenant; the empty string when the host has no tenants.");
            b.Property<string>("UserId").IsRequired().IsConcurrencyToken().HasColumnType("text").HasColumnName("user_id");
            b.Property<string>("Provider").IsRequired().HasColumnType("text").HasColumnName("provider");
            b.Property<string>("DisplayName").IsRequired().HasColumnType("text").HasColumnName("display_name");
            b.Property<string>("ExternalAccountId").IsRequired().HasColumnType("text").HasColumnName("external_account_id");
            b.Property<string>("ExternalUsername").HasColumnType("text").HasColumnName("external_username");
            b.Property<string>("ExternalEmail").HasColumnType("text").HasColumnName("external_email");
            b.Property<string>("ExternalName").HasColumnType("text").HasColumnName("external_name");
            b.Property<string>("ExternalAvatarUrl").HasColumnType("text").HasColumnName("external_avatar_url");
            b.Property<string>("ExternalProfile").HasColumnType("jsonb").HasColumnName("external_profile");
            b.PrimitiveCollection<string[]>("GrantedScopes").IsRequired().HasColumnType("text[]").HasColumnName("granted_scopes");
            b.Property<int>("Status").HasColumnType("integer").HasColumnName("status")
                .HasComment("0 Active, 1 ReauthorizationRequired, 2 Revoked, 3 Error, 4 Disabled.");
            b.Property<string>("TokenCiphertext").HasColumnType("text").HasColumnName("token_ciphertext")
                .HasComment("The token set encrypted by ITokenProtector; never plaintext.");
            b.Property<DateTimeOffset?>("AccessTokenExpiresAt").HasColumnType("timestamp with time zone").HasColumnName("access_token_expires_at");
            b.Property<bool>("HasRefreshToken").HasColumnType("boolean").HasColumnName("has_refresh_token");
            b.Property<DateTimeOffset?>("RefreshTokenExpiresAt").HasColumnType("timestamp with time zone").HasColumnName("refresh_token_expires_at");
            b.Property<string>("LastErrorCode").HasColumnType("text").HasColumnName("last_error_code");
            b.Property<string>("LastErrorMessage").HasColumnType("text").HasColumnName("last_error_message");
            b.Property<DateTimeOffset?>("LastErrorAt").HasColumnType("timestamp with time zone").HasColumnName("last_error_at");
            b.Property<int>("ConsecutiveErrors").HasColumnType("integer").HasColumnName("consecutive_errors");
            b.Property<DateTimeOffset?>("LastUsedAt").HasColumnType("timestamp with time zone").HasColumnName("last_used_at");
            b.Property<DateTimeOffset?>("LastSyncAt").HasColumnType("timestamp with time zone").HasColumnName("last_sync_at");
            b.Property<string>("Settings").IsRequired().HasColumnType("jsonb").HasColumnName("settings");
            b.Property<string>("Metadata").IsRequired().HasColumnType("jsonb").HasColumnName("metadata");
            b.Property<DateTimeOffset?>("NextSyncAt").HasColumnType("timestamp with time zone").HasColumnName("next_sync_at");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<DateTimeOffset>("UpdatedAt").HasColumnType("timestamp with time zone").HasColumnName("updated_at");
            b.Property<long>("Version").IsConcurrencyToken().HasColumnType("bigint").HasColumnName("version");

            b.HasKey("Id").HasName("pk_integrations");

            b.HasIndex("Provider", "ExternalAccountId").HasDatabaseName("ix_integrations_provider_account");
            b.HasIndex("AccessTokenExpiresAt", "Id").HasDatabaseName("ix_integrations_refresh_due")
                .HasFilter("status = 0 AND has_refresh_token");
            b.HasIndex("NextSyncAt", "Id").HasDatabaseName("ix_integrations_sync_due")
                .HasFilter("status = 0 AND next_sync_at IS NOT NULL");
            b.HasIndex("TenantId", "UserId", "Provider", "ExternalAccountId").IsUnique().HasDatabaseName("ux_integrations_owner_provider_account");

            b.ToTable("integrations", "integrations", t => t.HasComment("One user's connection to one provider account (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.LeaseEntity", b =>
        {
            b.Property<string>("Key").HasColumnType("text").HasColumnName("key");
            b.Property<string>("Holder").IsRequired().IsConcurrencyToken().HasColumnType("text").HasColumnName("holder")
                .HasComment("Random token of the current acquisition; renew and release must present it.");
            b.Property<DateTimeOffset>("ExpiresAt").HasColumnType("timestamp with time zone").HasColumnName("expires_at");

            b.HasKey("Key").HasName("pk_leases");

            b.ToTable("leases", "integrations", t => t.HasComment("Cross-process leases (token refresh, sync runs) (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.PendingAuthorizationEntity", b =>
        {
            b.Property<string>("StateHash").HasColumnType("text").HasColumnName("state_hash")
                .HasComment("SHA-256 (base64url) of the OAuth state parameter; the state itself is never stored.");
            b.Property<string>("TenantId").HasColumnType("text").HasColumnName("tenant_id");
            b.Property<string>("UserId").IsRequired().HasColumnType("text").HasColumnName("user_id");
            b.Property<string>("Provider").IsRequired().HasColumnType("text").HasColumnName("provider");
            b.PrimitiveCollection<string[]>("Scopes").IsRequired().HasColumnType("text[]").HasColumnName("scopes");
            b.Property<string>("RedirectUri").IsRequired().HasColumnType("text").HasColumnName("redirect_uri");
            b.Property<string>("ProtectedCodeVerifier").IsRequired().HasColumnType("text").HasColumnName("protected_code_verifier")
                .HasComment("The PKCE code verifier, encrypted.");
            b.Property<string>("Nonce").HasColumnType("text").HasColumnName("nonce");
            b.Property<string>("DisplayName").HasColumnType("text").HasColumnName("display_name");
            b.Property<string>("Properties").IsRequired().HasColumnType("jsonb").HasColumnName("properties");
            b.Property<DateTimeOffset>("CreatedAt").HasColumnType("timestamp with time zone").HasColumnName("created_at");
            b.Property<DateTimeOffset>("ExpiresAt").HasColumnType("timestamp with time zone").HasColumnName("expires_at");

            b.HasKey("StateHash").HasName("pk_pending_authorizations");

            b.HasIndex("ExpiresAt").HasDatabaseName("ix_pending_authorizations_expires_at");

            b.ToTable("pending_authorizations", "integrations", t => t.HasComment("Authorizations begun and not yet completed; single use (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.SyncItemErrorEntity", b =>
        {
            b.Property<Guid>("RunId").HasColumnType("uuid").HasColumnName("run_id");
            b.Property<int>("Ordinal").HasColumnType("integer").HasColumnName("ordinal");
            b.Property<int>("Side").HasColumnType("integer").HasColumnName("side")
                .HasComment("The side the write failed on: 0 Local, 1 Remote.");
            b.Property<string>("ItemId").IsRequired().HasColumnType("text").HasColumnName("item_id")
                .HasComment("The external id (pull) or the local id (push) of the item.");
            b.Property<string>("Code").IsRequired().HasColumnType("text").HasColumnName("code");
            b.Property<string>("Message").IsRequired().HasColumnType("text").HasColumnName("message");

            b.HasKey("RunId", "Ordinal").HasName("pk_sync_item_errors");

            b.ToTable("sync_item_errors", "integrations", t => t.HasComment("The items a sync run could not sync, in the order they failed (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.SyncItemLinkEntity", b =>
        {
            b.Property<long>("StateId").HasColumnType("bigint").HasColumnName("state_id");
            b.Property<string>("ExternalId").HasColumnType("text").HasColumnName("external_id").UseCollation("C");
            b.Property<string>("LocalId").IsRequired().HasColumnType("text").HasColumnName("local_id").UseCollation("C");
            b.Property<string>("RemoteVersion").HasColumnType("text").HasColumnName("remote_version");
            b.Property<string>("LocalVersion").HasColumnType("text").HasColumnName("local_version");
            b.Property<long>("LastSeenPass").HasColumnType("bigint").HasColumnName("last_seen_pass")
                .HasComment("The latest pass that saw the item remotely; a full pass deletes the local copies of links it did not see.");

            b.HasKey("StateId", "ExternalId").HasName("pk_sync_item_links");

            b.HasIndex("StateId", "LocalId").HasDatabaseName("ix_sync_item_links_local_id");
            b.HasIndex("StateId", "LastSeenPass", "ExternalId").HasDatabaseName("ix_sync_item_links_not_seen");

            b.ToTable("sync_item_links", "integrations", t => t.HasComment("Links between remote items and local items, with the versions last synced (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.SyncRunEntity", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid").HasColumnName("id");
            b.Property<Guid>("IntegrationId").HasColumnType("uuid").HasColumnName("integration_id");
            b.Property<string>("TenantId").IsRequired().HasColumnType("text").HasColumnName("tenant_id")
                .HasComment("The owner's tenant; the empty string when the host has no tenants.");
            b.Property<string>("UserId").IsRequired().HasColumnType("text").HasColumnName("user_id");
            b.Property<string>("Provider").IsRequired().HasColumnType("text").HasColumnName("provider");
            b.Property<string>("Resource").IsRequired().HasColumnType("text").HasColumnName("resource");
            b.Property<int>("Type").HasColumnType("integer").HasColumnName("type")
                .HasComment("0 Initial, 1 Manual, 2 Scheduled, 3 Webhook.");
            b.Property<string>("TriggeredBy").HasColumnType("text").HasColumnName("triggered_by");
            b.Property<int>("Direction").HasColumnType("integer").HasColumnName("direction")
                .HasComment("0 Pull, 1 Push, 2 Both.");
            b.Property<bool>("IsDryRun").HasColumnType("boolean").HasColumnName("is_dry_run");
            b.Property<bool>("IsFullResync").HasColumnType("boolean").HasColumnName("is_full_resync");
            b.Property<string>("DateRange").HasColumnType("jsonb").HasColumnName("date_range");
            b.Property<int>("Status").HasColumnType("integer").HasColumnName("status")
                .HasComment("0 Running, 1 Succeeded, 2 PartiallySucceeded, 3 Failed, 4 Cancelled.");
            b.Property<int>("LocalProcessed").HasColumnType("integer").HasColumnName("local_processed");
            b.Property<int>("LocalCreated").HasColumnType("integer").HasColumnName("local_created");
            b.Property<int>("LocalUpdated").HasColumnType("integer").HasColumnName("local_updated");
            b.Property<int>("LocalDeleted").HasColumnType("integer").HasColumnName("local_deleted");
            b.Property<int>("LocalSkipped").HasColumnType("integer").HasColumnName("local_skipped");
            b.Property<int>("LocalFailed").HasColumnType("integer").HasColumnName("local_failed");
            b.Property<int>("RemoteProcessed").HasColumnType("integer").HasColumnName("remote_processed");
            b.Property<int>("RemoteCreated").HasColumnType("integer").HasColumnName("remote_created");
            b.Property<int>("RemoteUpdated").HasColumnType("integer").HasColumnName("remote_updated");
            b.Property<int>("RemoteDeleted").HasColumnType("integer").HasColumnName("remote_deleted");
            b.Property<int>("RemoteSkipped").HasColumnType("integer").HasColumnName("remote_skipped");
            b.Property<int>("RemoteFailed").HasColumnType("integer").HasColumnName("remote_failed");
            b.Property<int>("Conflicts").HasColumnType("integer").HasColumnName("conflicts");
            b.Property<int>("Pages").HasColumnType("integer").HasColumnName("pages");
            b.Property<string>("ErrorCode").HasColumnType("text").HasColumnName("error_code");
            b.Property<string>("ErrorMessage").HasColumnType("text").HasColumnName("error_message");
            b.Property<DateTimeOffset?>("ResumeAt").HasColumnType("timestamp with time zone").HasColumnName("resume_at");
            b.Property<string>("CursorBefore").HasColumnType("text").HasColumnName("cursor_before");
            b.Property<string>("CursorAfter").HasColumnType("text").HasColumnName("cursor_after");
            b.Property<DateTimeOffset>("StartedAt").HasColumnType("timestamp with time zone").HasColumnName("started_at");
            b.Property<DateTimeOffset?>("CompletedAt").HasColumnType("timestamp with time zone").HasColumnName("completed_at");

            b.HasKey("Id").HasName("pk_sync_runs");

            b.HasIndex("StartedAt").HasDatabaseName("ix_sync_runs_completed_started_at").HasFilter("status <> 0");
            b.HasIndex("IntegrationId", "StartedAt", "Id").IsDescending(false, true, true).HasDatabaseName("ix_sync_runs_history");
            b.HasIndex("IntegrationId", "Resource").HasDatabaseName("ix_sync_runs_running").HasFilter("status = 0");

            b.ToTable("sync_runs", "integrations", t => t.HasComment("The sync history: one row per run of one resource (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.SyncStateEntity", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint").HasColumnName("id");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<Guid>("IntegrationId").HasColumnType("uuid").HasColumnName("integration_id");
            b.Property<string>("Resource").IsRequired().HasColumnType("text").HasColumnName("resource");
            b.Property<string>("Cursor").HasColumnType("text").HasColumnName("cursor")
                .HasComment("The provider's cursor of the next pass (sync token, delta link); NULL for a full sync.");
            b.Property<string>("CursorDateRange").HasColumnType("jsonb").HasColumnName("cursor_date_range");
            b.Property<DateTimeOffset?>("CursorUpdatedAt").HasColumnType("timestamp with time zone").HasColumnName("cursor_updated_at");
            b.Property<long>("PassNumber").HasColumnType("bigint").HasColumnName("pass_number");
            b.Property<string>("Checkpoint").HasColumnType("jsonb").HasColumnName("checkpoint")
                .HasComment("The unfinished pass (page token, phase); NULL when the last pass completed.");
            b.Property<string>("LocalCheckpoint").HasColumnType("text").HasColumnName("local_checkpoint");
            b.Property<long?>("RecoveryPass").HasColumnType("bigint").HasColumnName("recovery_pass");
            b.Property<string>("PendingCreates").IsRequired().HasColumnType("jsonb").HasColumnName("pending_creates");
            b.Property<long>("Version").IsConcurrencyToken().HasColumnType("bigint").HasColumnName("version");

            b.HasKey("Id").HasName("pk_sync_states");

            b.HasIndex("IntegrationId", "Resource").IsUnique().HasDatabaseName("ux_sync_states_integration_resource");

            b.ToTable("sync_states", "integrations", t => t.HasComment("Sync cursor and progress per integration and resource (Integrations SDK)."));
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.SyncItemErrorEntity", b =>
        {
            b.HasOne("Integrations.Storage.EfCore.Internal.SyncRunEntity", null)
                .WithMany("Errors")
                .HasForeignKey("RunId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired()
                .HasConstraintName("fk_sync_item_errors_sync_runs");
        });

        modelBuilder.Entity("Integrations.Storage.EfCore.Internal.SyncRunEntity", b => b.Navigation("Errors"));
    }
}
