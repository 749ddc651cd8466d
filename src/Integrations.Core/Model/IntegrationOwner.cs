namespace Integrations;

/// <summary>
/// The user (and, in multi-tenant hosts, the organization) an integration belongs to. Every store
/// query that takes an integration id also takes its owner, so one tenant can never read another's
/// integration by guessing an id.
/// </summary>
public readonly record struct IntegrationOwner
{
    /// <summary>Creates an owner.</summary>
    /// <param name="tenantId">The organization, or <see langword="null"/> in single-tenant hosts.</param>
    /// <param name="userId">The host's id of the user; required.</param>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is null or empty.</exception>
    public IntegrationOwner(string? tenantId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        TenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId;
        UserId = userId;
    }

    /// <summary>The organization the user belongs to, or <see langword="null"/> when the host has no tenants.</summary>
    public string? TenantId { get; }

    /// <summary>The host application's id of the user.</summary>
    public string UserId { get; }

    /// <summary>Creates an owner in a host without tenants.</summary>
    /// <param name="userId">The host's id of the user.</param>
    public static IntegrationOwner ForUser(string userId) => new(null, userId);

    /// <inheritdoc />
    public override string ToString() => TenantId is null ? UserId : $"{TenantId}/{UserId}";
}
