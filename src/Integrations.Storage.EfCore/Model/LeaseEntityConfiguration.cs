using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Maps <see cref="LeaseEntity"/> to <c>{schema}.leases</c>.</summary>
internal sealed class LeaseEntityConfiguration(string schema) : IEntityTypeConfiguration<LeaseEntity>
{
    public void Configure(EntityTypeBuilder<LeaseEntity> b)
    {
        b.ToTable("leases", schema, t => t.HasComment("Cross-process leases (token refresh, sync runs) (Integrations SDK)."));
        b.HasKey(e => e.Key).HasName("pk_leases");

        b.Property(e => e.Key).HasColumnName("key");
        b.Property(e => e.Holder).HasColumnName("holder").IsRequired().IsConcurrencyToken()
            .HasComment("Random token of the current acquisition; renew and release must present it.");
        b.Property(e => e.ExpiresAt).HasColumnName("expires_at");
    }
}
