namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one <see cref="PendingAuthorization"/>. Written once and deleted, never updated.</summary>
internal sealed class PendingAuthorizationEntity
{
    public string StateHash { get; set; } = "";

    public string? TenantId { get; set; }

    public string UserId { get; set; } = "";

    public string Provider { get; set; } = "";

    public string[] Scopes { get; set; } = [];

    public string RedirectUri { get; set; } = "";

    public string ProtectedCodeVerifier { get; set; } = "";

    public string? Nonce { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>The host's properties as a JSON object (<c>jsonb</c>).</summary>
    public string Properties { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
