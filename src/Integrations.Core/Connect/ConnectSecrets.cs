using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Internal;

/// <summary>The random values and hashes of the connect flow: state, PKCE verifier and challenge, nonce.</summary>
internal static class ConnectSecrets
{
    /// <summary>32 random bytes, base64url: a state, PKCE verifier (43 characters, RFC 7636 §4.1) or nonce.</summary>
    public static string NewRandomValue()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// base64url(SHA-256(value)): the PKCE S256 challenge of a verifier (RFC 7636 §4.2), and the
    /// stored hash of a state.
    /// </summary>
    public static string Sha256(string value)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(value), hash);
        return Base64Url.EncodeToString(hash);
    }
}
