using System.Collections.Concurrent;

namespace Integrations.Core.Tests.Providers.Support;

/// <summary>
/// A stand-in for the Data Protection token protector (built by another part of the SDK): keeps
/// the token sets in memory behind an opaque handle bound to the owner.
/// </summary>
internal sealed class TestTokenProtector : ITokenProtector
{
    private readonly ConcurrentDictionary<string, (IntegrationOwner Owner, TokenSet Tokens)> _vault = new();

    /// <summary>Makes every <see cref="Unprotect"/> fail as with a lost key ring.</summary>
    public bool KeyRingLost { get; set; }

    public ProtectedTokenSet Protect(IntegrationOwner owner, TokenSet tokens)
    {
        var handle = "protected:" + Guid.NewGuid().ToString("N");
        _vault[handle] = (owner, tokens);
        return new ProtectedTokenSet(handle, tokens.ExpiresAt, tokens.RefreshToken is not null, tokens.RefreshTokenExpiresAt);
    }

    public TokenSet Unprotect(IntegrationOwner owner, ProtectedTokenSet protectedTokens)
    {
        if (KeyRingLost || !_vault.TryGetValue(protectedTokens.Ciphertext, out var entry) || entry.Owner != owner)
        {
            throw new IntegrationException(IntegrationErrorCode.ReauthorizationRequired, "The stored tokens cannot be read.");
        }

        return entry.Tokens;
    }
}
