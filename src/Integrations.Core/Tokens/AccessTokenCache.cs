using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Integrations.Internal;

/// <summary>
/// The in-process cache of decrypted access tokens that serves the hot path of
/// <see cref="IAccessTokenProvider"/>. Anything that changes an integration's tokens or status
/// outside the token provider (reconnect, deactivate, disconnect) calls <see cref="Invalidate"/>.
/// </summary>
/// <remarks>
/// A refresh that read the store before an invalidation must not put its now stale token back
/// afterwards, so every write names the invalidation generation it started from
/// (<see cref="GenerationOf"/>) and is dropped when an invalidation came in between. Generations
/// are striped by id: a few shared counters instead of one per integration.
/// </remarks>
internal sealed class AccessTokenCache
{
    private const int GenerationStripes = 64;

    private readonly ConcurrentDictionary<Guid, CachedAccessToken> _entries = new();
    private readonly long[] _generations = new long[GenerationStripes];

    /// <summary>Looks up the cached token of one integration.</summary>
    public bool TryGet(Guid integrationId, [MaybeNullWhen(false)] out CachedAccessToken entry) =>
        _entries.TryGetValue(integrationId, out entry);

    /// <summary>The invalidation generation to pass to <see cref="TrySet"/>; read it before reading the store.</summary>
    public long GenerationOf(Guid integrationId) => Volatile.Read(ref _generations[Stripe(integrationId)]);

    /// <summary>Caches a token unless the integration was invalidated since <paramref name="generation"/> was read.</summary>
    public bool TrySet(Guid integrationId, CachedAccessToken entry, long generation)
    {
        ref var current = ref _generations[Stripe(integrationId)];
        if (Volatile.Read(ref current) != generation)
        {
            return false;
        }

        _entries[integrationId] = entry;

        // An invalidation racing with the write above either sees the entry and removes it, or has
        // bumped the generation before this read, and the entry is taken back here.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref current) == generation)
        {
            return true;
        }

        _entries.TryRemove(KeyValuePair.Create(integrationId, entry));
        return false;
    }

    /// <summary>Forgets the cached token of one integration; the next caller reads the store.</summary>
    public void Invalidate(Guid integrationId)
    {
        Interlocked.Increment(ref _generations[Stripe(integrationId)]);
        _entries.TryRemove(integrationId, out _);
    }

    private static int Stripe(Guid integrationId) => integrationId.GetHashCode() & (GenerationStripes - 1);
}
