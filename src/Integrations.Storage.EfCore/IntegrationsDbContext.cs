using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore;

/// <summary>
/// A ready <see cref="DbContext"/> holding only the Integrations tables, in the <c>integrations</c>
/// schema, with migrations for PostgreSQL shipped in this package. Use it when the SDK's tables
/// should not live in the host's own context.
/// </summary>
/// <remarks>
/// <para>Register and migrate it like this:</para>
/// <code>
/// services.AddIntegrations().AddEntityFrameworkCoreStores(connectionString);
/// // at start-up, or from a deployment step:
/// await using var db = await app.Services.GetRequiredService&lt;IDbContextFactory&lt;IntegrationsDbContext&gt;&gt;().CreateDbContextAsync();
/// await db.Database.MigrateAsync();
/// </code>
/// <para>
/// The migrations are recorded in EF Core's history table (<c>public."__EFMigrationsHistory"</c>
/// unless the options say otherwise with <c>UseNpgsql(..., o =&gt; o.MigrationsHistoryTable(...))</c>;
/// keep that setting the same for every run). Their ids start with <c>Integrations</c>, so they can
/// share the table with the host's own migrations. <c>MigrateAsync</c> takes a database lock, so
/// several instances starting at once apply each migration once.
/// </para>
/// </remarks>
/// <param name="options">The options, with the Npgsql provider configured.</param>
public sealed class IntegrationsDbContext(DbContextOptions<IntegrationsDbContext> options) : DbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyIntegrationsModel(IntegrationsModelBuilderExtensions.DefaultSchema);
}
