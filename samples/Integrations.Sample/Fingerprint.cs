using System.Security.Cryptography;
using System.Text;

namespace Integrations.Sample;

/// <summary>
/// Shows a token without revealing it: a SHA-256 prefix and the length. Enough to see that two
/// tokens differ, useless to anyone reading the screen or a log. (A token's first characters are
/// no good for this: every JWT starts with "eyJ".)
/// </summary>
internal static class Fingerprint
{
    public static string Of(string token)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return $"sha256:{Convert.ToHexStringLower(hash)[..12]} ({token.Length} chars)";
    }
}
