using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Testing.Internal;

/// <summary>PKCE S256 (RFC 7636) checks and random opaque values.</summary>
internal static class Pkce
{
    /// <summary>A 43-character base64url value: what S256 challenges and 256-bit random tokens look like.</summary>
    public static bool IsBase64Url43(string value) =>
        value.Length == 43 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>RFC 7636 §4.1: 43 to 128 characters of <c>[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"</c>.</summary>
    public static bool IsValidVerifier(string verifier) =>
        verifier.Length is >= 43 and <= 128 && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static bool Matches(string verifier, string challenge)
    {
        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    /// <summary>256 random bits, base64url: the shape of the sandbox's codes and tokens.</summary>
    public static string NewOpaqueValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
