using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Maps <see cref="PendingAuthorizationEntity"/> to <c>{schema}.pending_authorizations</c>.</summary>
internal sealed class PendingAuthorizationEntityConfiguration(string schema) : IEntityTypeConfiguration<PendingAuthorizationEntity>
{
    public void Configure(EntityTypeBuilder<PendingAuthorizationEntity> b)
    {
        b.ToTable("pending_authorizations", schema, t => t.HasComment("Authorizations begun and not yet completed; single use (Integrations SDK)."));
        b.HasKey(e => e.StateHash).HasName("pk_pending_authorizations");

        b.Property(e => e.StateHash).HasColumnName("state_hash")
            .HasComment("SHA-256 (base64url) of the OAuth state parameter; the state itself is never stored.");
        b.Property(e => e.TenantId).HasColumnName("tenant_id");
        b.Property(e => e.UserId).HasColumnName("user_id").IsRequired();
        b.Property(e => e.Provider).HasColumnName("provider").IsRequired();
        b.PrimitiveCollection(e => e.Scopes).HasColumnName("scopes").IsRequired();
        b.Property(e => e.RedirectUri).HasColumnName("redirect_uri").IsRequired();
        b.Property(e => e.ProtectedCodeVerifier).HasColumnName("protected_code_verifier").IsRequired()
            .HasComment("The PKCE code verifier, encrypted.");
        b.Property(e => e.Nonce).HasColumnName("nonce");
        b.Property(e => e.DisplayName).HasColumnName("display_name");
        b.Property(e => e.Properties).HasColumnName("properties").HasColumnType("jsonb").IsRequired();
        b.Property(e => e.CreatedAt).HasColumnName("created_at");
        b.Property(e => e.ExpiresAt).HasColumnName("expires_at");

        // Clean-up of abandoned authorizations.
        b.HasIndex(e => e.ExpiresAt).HasDatabaseName("ix_pending_authorizations_expires_at");
    }
}
