namespace Integrations;

/// <summary>
/// Encrypts token sets for storage and decrypts them again. The default implementation uses ASP.NET
/// Core Data Protection with a purpose chain per tenant and user, so each user's tokens are under a
/// key of their own.
/// </summary>
public interface ITokenProtector
{
    /// <summary>Encrypts <paramref name="tokens"/> for <paramref name="owner"/>.</summary>
    /// <param name="owner">Whose tokens these are; part of the key derivation.</param>
    /// <param name="tokens">The tokens to protect.</param>
    /// <returns>The ciphertext with the non-secret facts the stores query.</returns>
    ProtectedTokenSet Protect(IntegrationOwner owner, TokenSet tokens);

    /// <summary>Decrypts tokens protected for <paramref name="owner"/>.</summary>
    /// <param name="owner">Whose tokens these are.</param>
    /// <param name="protectedTokens">The stored form.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> when the ciphertext cannot be read
    /// (lost key ring, tampered data, another owner's tokens).
    /// </exception>
    TokenSet Unprotect(IntegrationOwner owner, ProtectedTokenSet protectedTokens);
}
