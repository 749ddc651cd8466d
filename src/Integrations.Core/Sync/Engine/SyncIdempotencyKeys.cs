using System.Security.Cryptography;
using System.Text;

namespace Integrations.Internal;

/// <summary>
/// Derives the idempotency key of a push: the same for every attempt to write one local version of
/// one item, different for anything else. Lowercase hex, so it is also a valid Google event id.
/// </summary>
internal static class SyncIdempotencyKeys
{
    public static string For(Guid integrationId, string resource, string operation, string localId, string? localVersion)
    {
        var text = $"{integrationId:N}\n{resource}\n{operation}\n{localId}\n{localVersion}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash);
    }
}
