namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one <see cref="Integration"/>; mapped by <see cref="IntegrationEntityConfiguration"/>.</summary>
internal sealed class IntegrationEntity
{
    public Guid Id { get; set; }

    /// <summary>The tenant, or the empty string for none, so that the unique index treats "no tenant" as one value on every PostgreSQL version.</summary>
    public string TenantId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Provider { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string ExternalAccountId { get; set; } = "";

    public string? ExternalUsername { get; set; }

    public string? ExternalEmail { get; set; }

    public string? ExternalName { get; set; }

    public string? ExternalAvatarUrl { get; set; }

    /// <summary>The provider's raw profile as JSON text (<c>jsonb</c>).</summary>
    public string? ExternalProfile { get; set; }

    public string[] GrantedScopes { get; set; } = [];

    public int Status { get; set; }

    public string? TokenCiphertext { get; set; }

    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    public bool HasRefreshToken { get; set; }

    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

    /// <summary>The <see cref="IntegrationErrorCode"/> name: names survive new codes being added, numbers may not.</summary>
    public string? LastErrorCode { get; set; }

    public string? LastErrorMessage { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public int ConsecutiveErrors { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>The <see cref="IntegrationSettings"/> as JSON text (<c>jsonb</c>).</summary>
    public string Settings { get; set; } = "{}";

    /// <summary>The metadata as a JSON object (<c>jsonb</c>).</summary>
    public string Metadata { get; set; } = "{}";

    public DateTimeOffset? NextSyncAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}
