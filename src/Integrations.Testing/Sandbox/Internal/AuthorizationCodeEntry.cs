using System.Collections.Immutable;

namespace Integrations.Testing.Internal;

/// <summary>An authorization code; remembered after use so that a replay can revoke what it produced.</summary>
internal sealed class AuthorizationCodeEntry(SandboxAccount account, string redirectUri, string codeChallenge, ImmutableArray<string> scopes, DateTimeOffset expiresAt)
{
    public SandboxAccount Account { get; } = account;

    public string RedirectUri { get; } = redirectUri;

    public string CodeChallenge { get; } = codeChallenge;

    public ImmutableArray<string> Scopes { get; } = scopes;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>The grant created when the code was exchanged; set once the code is consumed.</summary>
    public SandboxGrant? Grant { get; set; }
}
