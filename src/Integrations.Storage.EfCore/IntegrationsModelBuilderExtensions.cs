using Integrations.Storage.EfCore.Internal;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore;

/// <summary>Maps the Integrations tables into a host's own <see cref="DbContext"/>.</summary>
public static class IntegrationsModelBuilderExtensions
{
    /// <summary>The schema the tables go into unless the host chooses another: <c>integrations</c>.</summary>
    public const string DefaultSchema = "integrations";

    /// <summary>
    /// Maps the tables of the Integrations stores (integrations, pending authorizations, leases, sync
    /// states, sync item links, sync runs and their item errors) into this model. Call it from <c>OnModelCreating</c> of the host's <see cref="DbContext"/>, then
    /// register the stores with <c>AddEntityFrameworkCoreStores&lt;TContext&gt;()</c>.
    /// </summary>
    /// <remarks>
    /// The tables use PostgreSQL types (<c>jsonb</c>, <c>text[]</c>, <c>timestamptz</c>) and need the
    /// Npgsql provider. A host that maps them into its own context creates and updates them with its
    /// own migrations (<c>dotnet ef migrations add AddIntegrations</c>); the migrations shipped in this
    /// package belong to <see cref="IntegrationsDbContext"/>.
    /// </remarks>
    /// <param name="modelBuilder">The host's model builder.</param>
    /// <param name="schema">The database schema of the tables; <see cref="DefaultSchema"/> when omitted.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder ApplyIntegrationsModel(this ModelBuilder modelBuilder, string schema = DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);

        // Policies and audit events join here as their stores arrive: one configuration class per
        // table, each taking the schema.
        modelBuilder.ApplyConfiguration(new IntegrationEntityConfiguration(schema));
        modelBuilder.ApplyConfiguration(new PendingAuthorizationEntityConfiguration(schema));
        modelBuilder.ApplyConfiguration(new LeaseEntityConfiguration(schema));
        modelBuilder.ApplyConfiguration(new SyncStateEntityConfiguration(schema));
        modelBuilder.ApplyConfiguration(new SyncItemLinkEntityConfiguration(schema));
        modelBuilder.ApplyConfiguration(new SyncRunEntityConfiguration(schema));
        modelBuilder.ApplyConfiguration(new SyncItemErrorEntityConfiguration(schema));
        return modelBuilder;
    }
}
