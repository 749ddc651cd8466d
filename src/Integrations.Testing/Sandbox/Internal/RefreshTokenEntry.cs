namespace Integrations.Testing.Internal;

/// <summary>An issued refresh token; a consumed one is kept so that presenting it again is recognised as a replay.</summary>
internal sealed class RefreshTokenEntry(SandboxGrant grant, DateTimeOffset? expiresAt)
{
    public SandboxGrant Grant { get; } = grant;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    public bool Consumed { get; set; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && now >= at;
}
