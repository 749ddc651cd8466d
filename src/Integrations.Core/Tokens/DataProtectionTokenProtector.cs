using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Internal;

/// <summary>
/// Protects token sets with ASP.NET Core Data Protection. The purpose chain names the tenant and
/// the user, so each user's tokens are under a key derived for them alone: another owner's
/// protector cannot read them, and neither can a process with a lost or different key ring.
/// </summary>
/// <remarks>
/// The ciphertext is base64url text, so every store can keep it in a plain string column. Token
/// sets without <see cref="TokenSet.IssuedAt"/> are stamped with the time they are protected.
/// </remarks>
internal sealed class DataProtectionTokenProtector(IDataProtectionProvider dataProtection, TimeProvider timeProvider) : ITokenProtector
{
    /// <summary>The first purpose of the chain; a new format gets a new version.</summary>
    public const string Purpose = "Integrations.Tokens.v1";

    public ProtectedTokenSet Protect(IntegrationOwner owner, TokenSet tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var protector = ProtectorFor(owner);
        var payload = TokenPayload.From(tokens, tokens.IssuedAt ?? timeProvider.GetUtcNow());
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(payload, TokenPayloadJsonContext.Default.TokenPayload);
        try
        {
            var ciphertext = protector.Protect(plaintext);
            return new ProtectedTokenSet(Base64Url.EncodeToString(ciphertext), tokens.ExpiresAt, tokens.RefreshToken is not null, tokens.RefreshTokenExpiresAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public TokenSet Unprotect(IntegrationOwner owner, ProtectedTokenSet protectedTokens)
    {
        ArgumentNullException.ThrowIfNull(protectedTokens);
        var protector = ProtectorFor(owner);
        byte[]? plaintext = null;
        try
        {
            plaintext = protector.Unprotect(Base64Url.DecodeFromChars(protectedTokens.Ciphertext));
            var payload = JsonSerializer.Deserialize(plaintext, TokenPayloadJsonContext.Default.TokenPayload);
            return payload?.ToTokenSet() ?? throw TokenErrors.Unreadable(null);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException or ArgumentException)
        {
            // Lost key ring, tampered or truncated ciphertext, another owner's tokens, broken JSON.
            throw TokenErrors.Unreadable(ex);
        }
        finally
        {
            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private IDataProtector ProtectorFor(in IntegrationOwner owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner.UserId, nameof(owner));
        return dataProtection.CreateProtector(Purpose, owner.TenantId ?? "", owner.UserId);
    }
}
