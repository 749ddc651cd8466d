using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Maps <see cref="IntegrationEntity"/> to <c>{schema}.integrations</c>. Every index serves a query of
/// <see cref="EfCoreIntegrationStore{TContext}"/>; the shipped migrations and snapshot repeat this
/// mapping, and a test proves they agree.
/// </summary>
internal sealed class IntegrationEntityConfiguration(string schema) : IEntityTypeConfiguration<IntegrationEntity>
{
    /// <summary>The predicate of the background-refresh index; the store's query repeats it so the planner can use the index.</summary>
    public const string RefreshableFilter = "status = 0 AND has_refresh_token";

    /// <summary>The predicate of the sync-scheduler index.</summary>
    public const string SchedulableFilter = "status = 0 AND next_sync_at IS NOT NULL";

    public void Configure(EntityTypeBuilder<IntegrationEntity> b)
    {
        b.ToTable("integrations", schema, t => t.HasComment("One user's connection to one provider account (Integrations SDK)."));
        b.HasKey(e => e.Id).HasName("pk_integrations");

        b.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
        b.Property(e => e.TenantId).HasColumnName("tenant_id").IsRequired().IsConcurrencyToken()
            .HasComment("The owner's tenant; the empty string when the host has no tenants.");
        b.Property(e => e.UserId).HasColumnName("user_id").IsRequired().IsConcurrencyToken();
        b.Property(e => e.Provider).HasColumnName("provider").IsRequired();
        b.Property(e => e.DisplayName).HasColumnName("display_name").IsRequired();
        b.Property(e => e.ExternalAccountId).HasColumnName("external_account_id").IsRequired();
        b.Property(e => e.ExternalUsername).HasColumnName("external_username");
        b.Property(e => e.ExternalEmail).HasColumnName("external_email");
        b.Property(e => e.ExternalName).HasColumnName("external_name");
        b.Property(e => e.ExternalAvatarUrl).HasColumnName("external_avatar_url");
        b.Property(e => e.ExternalProfile).HasColumnName("external_profile").HasColumnType("jsonb");
        b.PrimitiveCollection(e => e.GrantedScopes).HasColumnName("granted_scopes").IsRequired();
        b.Property(e => e.Status).HasColumnName("status")
            .HasComment("0 Active, 1 ReauthorizationRequired, 2 Revoked, 3 Error, 4 Disabled.");
        b.Property(e => e.TokenCiphertext).HasColumnName("token_ciphertext")
            .HasComment("The token set encrypted by ITokenProtector; never plaintext.");
        b.Property(e => e.AccessTokenExpiresAt).HasColumnName("access_token_expires_at");
        b.Property(e => e.HasRefreshToken).HasColumnName("has_refresh_token");
        b.Property(e => e.RefreshTokenExpiresAt).HasColumnName("refresh_token_expires_at");
        b.Property(e => e.LastErrorCode).HasColumnName("last_error_code");
        b.Property(e => e.LastErrorMessage).HasColumnName("last_error_message");
        b.Property(e => e.LastErrorAt).HasColumnName("last_error_at");
        b.Property(e => e.ConsecutiveErrors).HasColumnName("consecutive_errors");
        b.Property(e => e.LastUsedAt).HasColumnName("last_used_at");
        b.Property(e => e.LastSyncAt).HasColumnName("last_sync_at");
        b.Property(e => e.Settings).HasColumnName("settings").HasColumnType("jsonb").IsRequired();
        b.Property(e => e.Metadata).HasColumnName("metadata").HasColumnType("jsonb").IsRequired();
        b.Property(e => e.NextSyncAt).HasColumnName("next_sync_at");
        b.Property(e => e.CreatedAt).HasColumnName("created_at");
        b.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        b.Property(e => e.Version).HasColumnName("version").IsConcurrencyToken();

        // One external account once per owner. Its (tenant, user) and (tenant, user, provider)
        // prefixes also serve listing an owner's integrations and finding one by account.
        b.HasIndex(e => new { e.TenantId, e.UserId, e.Provider, e.ExternalAccountId })
            .HasDatabaseName("ux_integrations_owner_provider_account").IsUnique();

        // Provider webhooks name the account, not the owner.
        b.HasIndex(e => new { e.Provider, e.ExternalAccountId })
            .HasDatabaseName("ix_integrations_provider_account");

        // Background refresh: active integrations with a refresh token, by access-token expiry.
        b.HasIndex(e => new { e.AccessTokenExpiresAt, e.Id })
            .HasDatabaseName("ix_integrations_refresh_due").HasFilter(RefreshableFilter);

        // Sync scheduler: active integrations by next sync time.
        b.HasIndex(e => new { e.NextSyncAt, e.Id })
            .HasDatabaseName("ix_integrations_sync_due").HasFilter(SchedulableFilter);
    }
}
