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
    }
}
