using System.Collections.Immutable;

namespace Integrations.Testing.Internal;

/// <summary>What one user consented to, once a code is exchanged; every token of the grant dies with it.</summary>
internal sealed class SandboxGrant(SandboxAccount account, ImmutableArray<string> scopes)
{
    public SandboxAccount Account { get; } = account;

    public ImmutableArray<string> Scopes { get; } = scopes;

    public bool Revoked { get; set; }
}
