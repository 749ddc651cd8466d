using System.Collections.Immutable;

namespace Integrations.Testing.Internal;

/// <summary>An issued access token.</summary>
internal sealed class AccessTokenEntry(SandboxGrant grant, ImmutableArray<string> scopes, DateTimeOffset expiresAt)
{
    public SandboxGrant Grant { get; } = grant;

    public ImmutableArray<string> Scopes { get; } = scopes;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

    public bool Revoked { get; set; }

    public bool IsLive(DateTimeOffset now) => !Revoked && !Grant.Revoked && now < ExpiresAt;
}
