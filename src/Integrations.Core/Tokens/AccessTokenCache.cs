using System.Collections.Concurrent;

namespace Integrations.Internal;

/// <summary>
/// The in-process cache of decrypted access tokens that serves the hot path of
/// <see cref="IAccessTokenProvider"/>. Anything that changes an integration's tokens or status
/// outside the token provider (reconnect, deactivate, disconnect) calls <see cref="Invalidate"/>.
/// </summary>
internal sealed class AccessTokenCache
{
    private readonly ConcurrentDictionary<Guid, object> _entries = new();

    /// <summary>The live entries, keyed by integration id. The token provider owns the entry type.</summary>
    internal ConcurrentDictionary<Guid, object> Entries => _entries;

    /// <summary>Forgets the cached token of one integration; the next caller reads the store.</summary>
    public void Invalidate(Guid integrationId) => _entries.TryRemove(integrationId, out _);
}
