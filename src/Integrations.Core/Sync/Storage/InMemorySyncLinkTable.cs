using System.Numerics;

namespace Integrations.Internal;

/// <summary>
/// The item links of one integration and resource in <see cref="InMemorySyncStateStore"/>, kept
/// without object references: fixed-size slots in pages of structs, their ids and versions copied as
/// characters into shared text chunks, found through an open-addressing index of (hash, slot) pairs.
/// The garbage collector has nothing to trace per link (a million links are a few thousand arrays of
/// plain data), and growing never copies the links. Not thread-safe: the store locks around it.
/// </summary>
/// <remarks>
/// The index is probed linearly and kept at most half full, so a lookup of an id that is not there
/// (every item of a first sync) usually reads one cache line of the index and no slot.
/// A slot's text is its external id, local id, remote version and local version, back to back.
/// Replaced or deleted text stays in its chunk as dead space until dead space outweighs live text,
/// then the live text is copied into fresh chunks (amortized O(1) per write). Hashes are the
/// process-randomized <see cref="string.GetHashCode(ReadOnlySpan{char})"/>, so ids chosen by a
/// provider cannot be crafted to collide.
/// Every array stays below the large object heap's 85,000 bytes (pages of 1,024 slots, chunks of
/// 16,384 characters, index segments of 8,192 entries): large arrays come as fresh pages from the
/// system, whose first touch faults (a third of the cost of a first sync's links when measured) and
/// whose allocation budget triggers full collections. The price: the garbage collector copies the
/// arrays once or twice as they age into gen2.
/// </remarks>
internal sealed class InMemorySyncLinkTable
{
    private const int PageShift = 10;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;
    private const int None = -1;
    private const int MinIndex = 16;
    private const int IndexSegmentShift = 13;
    private const int IndexSegmentMask = (1 << IndexSegmentShift) - 1;

    private readonly int _chunkSize;
    private Slot[][] _pages = [];

    /// <summary>
    /// (hash &lt;&lt; 32) | (slot + 1) per entry, 0 when empty; <see cref="_indexLength"/> (a power of two)
    /// entries, at most half full, in segments of 8,192 (64 KB: below the large object heap, so growing
    /// takes memory the garbage collector recycles rather than fresh pages from the system).
    /// </summary>
    private long[][] _index = [];
    private int _indexLength;
    private int _used;
    private int _free = None;
    private List<char[]> _chunks = [];
    private int _chunkUsed;
    private long _liveChars;
    private long _deadChars;

    /// <summary>The ids of the last <see cref="GetMany"/>, their hashes and first index entries.</summary>
    private string[] _batchIds = [];
    private int[] _batchHashes = [];
    private long[] _batchFirst = [];
    private int _batchCount;
    private int _batchCursor;

    /// <summary>Chains by local id, built on the first lookup by local id (pull-only resources never need them).</summary>
    private int[]? _localBuckets;
    private int[][]? _localNext;

    /// <param name="chunkSize">Characters per text chunk (small values let tests reach compaction quickly).</param>
    public InMemorySyncLinkTable(int chunkSize = 1 << 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _chunkSize = chunkSize;
    }

    public int Count { get; private set; }

    /// <summary>Characters of text held, live and dead (for tests of compaction).</summary>
    public long TextCapacity => _chunks.Sum(c => (long)c.Length);

    public SyncItemLink? Get(string externalId)
    {
        var slot = Find(externalId, Hash(externalId), out _);
        return slot == None ? null : ToLink(ref At(slot));
    }

    /// <summary>
    /// Looks a page of ids up: first every id is hashed, then the index entry of every id is read
    /// (independent loads the processor overlaps), then each lookup finishes from cache. The ids and their hashes are kept
    /// until the next call, so the commit that usually follows does not hash them again.
    /// </summary>
    /// <returns>The links found by external id, or <see langword="null"/> when none was.</returns>
    public Dictionary<string, SyncItemLink>? GetMany(IReadOnlyCollection<string> externalIds)
    {
        var n = externalIds.Count;
        if (_batchIds.Length < n)
        {
            _batchIds = new string[Math.Max(n, _batchIds.Length * 2)];
            _batchHashes = new int[_batchIds.Length];
            _batchFirst = new long[_batchIds.Length];
        }

        Array.Clear(_batchIds, 0, _batchCount);
        if (externalIds is ICollection<string> collection)
        {
            collection.CopyTo(_batchIds, 0);
        }
        else
        {
            var i = 0;
            foreach (var externalId in externalIds)
            {
                _batchIds[i++] = externalId;
            }
        }

        (_batchCount, _batchCursor) = (n, 0);
        if (Count == 0)
        {
            for (var i = 0; i < n; i++)
            {
                _batchHashes[i] = Hash(_batchIds[i]);
            }

            return null;
        }

        for (var i = 0; i < n; i++)
        {
            _batchHashes[i] = Hash(_batchIds[i]);
        }

        // A loop of nothing but independent loads: the processor keeps many of these cache misses in flight.
        var mask = _indexLength - 1;
        for (var i = 0; i < n; i++)
        {
            _batchFirst[i] = IndexAt(_batchHashes[i] & mask);
        }

        Dictionary<string, SyncItemLink>? found = null;
        for (var i = 0; i < n; i++)
        {
            if (_batchFirst[i] != 0 && Find(_batchIds[i], _batchHashes[i], out _) is var slot and not None)
            {
                (found ??= new Dictionary<string, SyncItemLink>(StringComparer.Ordinal))[_batchIds[i]] = ToLink(ref At(slot));
            }
        }

        return found;
    }

    public SyncItemLink? GetByLocalId(string localId)
    {
        EnsureLocalIndex();
        var hash = Hash(localId);
        for (var i = _localBuckets![hash & (_localBuckets.Length - 1)]; i != None; i = LocalNext(i))
        {
            ref var slot = ref At(i);
            if (LocalId(ref slot).SequenceEqual(localId))
            {
                return ToLink(ref slot);
            }
        }

        return null;
    }

    /// <summary>Inserts a link, or replaces the one with the same external id.</summary>
    public void Set(SyncItemLink link)
    {
        var hash = HashOfLookedUp(link.ExternalId);
        var index = Find(link.ExternalId, hash, out var position);
        var length = link.ExternalId.Length + link.LocalId.Length + (link.RemoteVersion?.Length ?? 0) + (link.LocalVersion?.Length ?? 0);
        if (index == None)
        {
            if ((Count + 1) * 2L > _indexLength)
            {
                Grow();
                position = EmptyPosition(hash);
            }

            index = NewSlot();
            IndexAt(position) = ((long)hash << 32) | (uint)(index + 1);
            Count++;
            ref var added = ref At(index);
            (added.Chunk, added.Offset) = Allocate(length);
        }
        else
        {
            if (_localBuckets is not null)
            {
                UnlinkLocal(index);
            }

            ref var replaced = ref At(index);
            var old = replaced.TextLength;
            _liveChars -= old;
            if (length <= old)
            {
                _deadChars += old - length;
            }
            else
            {
                _deadChars += old;
                (replaced.Chunk, replaced.Offset) = Allocate(length);
            }
        }

        ref var slot = ref At(index);
        slot.LastSeenPass = link.LastSeenPass;
        slot.ExternalLength = link.ExternalId.Length;
        slot.LocalLength = link.LocalId.Length;
        slot.RemoteLength = link.RemoteVersion?.Length ?? None;
        slot.LocalVersionLength = link.LocalVersion?.Length ?? None;
        var text = _chunks[slot.Chunk].AsSpan(slot.Offset, length);
        link.ExternalId.CopyTo(text);
        text = text[link.ExternalId.Length..];
        link.LocalId.CopyTo(text);
        text = text[link.LocalId.Length..];
        link.RemoteVersion?.CopyTo(text);
        link.LocalVersion?.CopyTo(text[(link.RemoteVersion?.Length ?? 0)..]);
        _liveChars += length;
        if (_localBuckets is not null)
        {
            LinkLocal(index);
            if (Count > _localBuckets.Length)
            {
                BuildLocalIndex(_localBuckets.Length * 2);
            }
        }

        CompactIfMostlyDead();
    }

    public bool Remove(string externalId)
    {
        var index = Find(externalId, Hash(externalId), out var position);
        if (index == None)
        {
            return false;
        }

        if (_localBuckets is not null)
        {
            UnlinkLocal(index);
        }

        RemoveFromIndex(position);
        ref var slot = ref At(index);
        _liveChars -= slot.TextLength;
        _deadChars += slot.TextLength;
        slot = default;
        slot.Chunk = None;
        slot.Offset = _free;
        _free = index;
        Count--;
        CompactIfMostlyDead();
        return true;
    }

    /// <summary>
    /// The <paramref name="limit"/> links with the smallest external ids (ordinal) after
    /// <paramref name="afterExternalId"/> whose last seen pass is below <paramref name="pass"/>,
    /// in order. One scan: O(n log limit).
    /// </summary>
    public List<SyncItemLink> ListNotSeen(long pass, string? afterExternalId, int limit)
    {
        // A max-heap of slot indexes by external id: the root is the largest kept, replaced by anything smaller.
        var smallest = new PriorityQueue<int, int>(limit + 1, Comparer<int>.Create((a, b) => ExternalId(ref At(b)).SequenceCompareTo(ExternalId(ref At(a)))));
        for (var i = 0; i < _used; i++)
        {
            ref var slot = ref At(i);
            if (slot.Chunk == None || slot.LastSeenPass >= pass
                || (afterExternalId is not null && ExternalId(ref slot).SequenceCompareTo(afterExternalId) <= 0))
            {
                continue;
            }

            if (smallest.Count < limit)
            {
                smallest.Enqueue(i, i);
            }
            else if (smallest.TryPeek(out var largest, out _) && ExternalId(ref slot).SequenceCompareTo(ExternalId(ref At(largest))) < 0)
            {
                smallest.EnqueueDequeue(i, i);
            }
        }

        var result = new List<SyncItemLink>(smallest.Count);
        while (smallest.TryDequeue(out var index, out _))
        {
            result.Add(ToLink(ref At(index)));
        }

        result.Reverse();
        return result;
    }

    private static int Hash(ReadOnlySpan<char> text) => string.GetHashCode(text);

    /// <summary>The hash of an id, taken from the last <see cref="GetMany"/> when the id is one of its strings (links are saved in the order they were looked up).</summary>
    private int HashOfLookedUp(string externalId)
    {
        var end = Math.Min(_batchCount, _batchCursor + 8);
        for (var i = _batchCursor; i < end; i++)
        {
            if (ReferenceEquals(_batchIds[i], externalId))
            {
                _batchCursor = i + 1;
                return _batchHashes[i];
            }
        }

        return Hash(externalId);
    }

    private ref long IndexAt(int position) => ref _index[position >> IndexSegmentShift][position & IndexSegmentMask];

    private ref Slot At(int index) => ref _pages[index >> PageShift][index & PageMask];

    private ref int LocalNext(int index) => ref _localNext![index >> PageShift][index & PageMask];

    private ReadOnlySpan<char> ExternalId(ref Slot slot) => _chunks[slot.Chunk].AsSpan(slot.Offset, slot.ExternalLength);

    private ReadOnlySpan<char> LocalId(ref Slot slot) => _chunks[slot.Chunk].AsSpan(slot.Offset + slot.ExternalLength, slot.LocalLength);

    private SyncItemLink ToLink(ref Slot slot)
    {
        var text = _chunks[slot.Chunk].AsSpan(slot.Offset, slot.TextLength);
        var local = text.Slice(slot.ExternalLength, slot.LocalLength);
        var versions = text[(slot.ExternalLength + slot.LocalLength)..];
        return new SyncItemLink(
            new string(text[..slot.ExternalLength]),
            new string(local),
            slot.RemoteLength == None ? null : new string(versions[..slot.RemoteLength]),
            slot.LocalVersionLength == None ? null : new string(versions.Slice(Math.Max(slot.RemoteLength, 0), slot.LocalVersionLength)),
            slot.LastSeenPass);
    }

    /// <summary>Finds the slot of an external id; <paramref name="position"/> is its index entry, or the empty entry that ended the probe.</summary>
    private int Find(ReadOnlySpan<char> externalId, int hash, out int position)
    {
        if (_indexLength == 0)
        {
            position = None;
            return None;
        }

        var mask = _indexLength - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var entry = IndexAt(i);
            if (entry == 0)
            {
                position = i;
                return None;
            }

            if ((int)(entry >> 32) == hash && ExternalId(ref At((int)entry - 1)).SequenceEqual(externalId))
            {
                position = i;
                return (int)entry - 1;
            }
        }
    }

    private int EmptyPosition(int hash)
    {
        var mask = _indexLength - 1;
        var i = hash & mask;
        while (IndexAt(i) != 0)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    private void Grow()
    {
        var old = _index;
        _indexLength = Math.Max(MinIndex, _indexLength * 2);
        _index = new long[Math.Max(1, _indexLength >> IndexSegmentShift)][];
        for (var i = 0; i < _index.Length; i++)
        {
            _index[i] = new long[Math.Min(_indexLength, IndexSegmentMask + 1)];
        }

        foreach (var segment in old)
        {
            foreach (var entry in segment)
            {
                if (entry != 0)
                {
                    IndexAt(EmptyPosition((int)(entry >> 32))) = entry;
                }
            }
        }
    }

    /// <summary>Empties an index entry and moves later entries of the probe run back, so no probe stops early (no tombstones).</summary>
    private void RemoveFromIndex(int position)
    {
        var mask = _indexLength - 1;
        var hole = position;
        for (var i = (hole + 1) & mask; IndexAt(i) != 0; i = (i + 1) & mask)
        {
            var home = (int)(IndexAt(i) >> 32) & mask;
            if (((i - home) & mask) >= ((i - hole) & mask))
            {
                IndexAt(hole) = IndexAt(i);
                hole = i;
            }
        }

        IndexAt(hole) = 0;
    }

    private int NewSlot()
    {
        if (_free != None)
        {
            var reused = _free;
            _free = At(reused).Offset;
            return reused;
        }

        if (_used == _pages.Length * PageSize)
        {
            Array.Resize(ref _pages, _pages.Length + 1);
            _pages[^1] = GC.AllocateUninitializedArray<Slot>(PageSize);
            if (_localNext is not null)
            {
                Array.Resize(ref _localNext, _pages.Length);
                _localNext[^1] = new int[PageSize];
            }
        }

        return _used++;
    }

    /// <summary>Room for <paramref name="length"/> characters: the end of the last chunk, or a new chunk (the old one's tail counts as dead).</summary>
    private (int Chunk, int Offset) Allocate(int length)
    {
        if (_chunks.Count == 0 || _chunkUsed + length > _chunks[^1].Length)
        {
            if (_chunks.Count > 0)
            {
                _deadChars += _chunks[^1].Length - _chunkUsed;
            }

            _chunks.Add(GC.AllocateUninitializedArray<char>(Math.Max(_chunkSize, length)));
            _chunkUsed = 0;
        }

        var offset = _chunkUsed;
        _chunkUsed += length;
        return (_chunks.Count - 1, offset);
    }

    private void CompactIfMostlyDead()
    {
        if (_deadChars <= _liveChars || _deadChars < _chunkSize)
        {
            return;
        }

        var old = _chunks;
        _chunks = [];
        _chunkUsed = 0;
        _deadChars = 0;
        for (var i = 0; i < _used; i++)
        {
            ref var slot = ref At(i);
            if (slot.Chunk == None)
            {
                continue;
            }

            var text = old[slot.Chunk].AsSpan(slot.Offset, slot.TextLength);
            (slot.Chunk, slot.Offset) = Allocate(text.Length);
            text.CopyTo(_chunks[slot.Chunk].AsSpan(slot.Offset));
        }
    }

    private void EnsureLocalIndex()
    {
        if (_localBuckets is null)
        {
            BuildLocalIndex((int)Math.Max(MinIndex, BitOperations.RoundUpToPowerOf2((uint)Count)));
        }
    }

    private void BuildLocalIndex(int size)
    {
        _localBuckets = new int[size];
        Array.Fill(_localBuckets, None);
        _localNext = new int[_pages.Length][];
        for (var page = 0; page < _pages.Length; page++)
        {
            _localNext[page] = new int[PageSize];
        }

        for (var i = 0; i < _used; i++)
        {
            if (At(i).Chunk != None)
            {
                LinkLocal(i);
            }
        }
    }

    private void LinkLocal(int index)
    {
        ref var bucket = ref _localBuckets![Hash(LocalId(ref At(index))) & (_localBuckets.Length - 1)];
        LocalNext(index) = bucket;
        bucket = index;
    }

    private void UnlinkLocal(int index)
    {
        ref var bucket = ref _localBuckets![Hash(LocalId(ref At(index))) & (_localBuckets.Length - 1)];
        if (bucket == index)
        {
            bucket = LocalNext(index);
            return;
        }

        for (var i = bucket; i != None; i = LocalNext(i))
        {
            if (LocalNext(i) == index)
            {
                LocalNext(i) = LocalNext(index);
                return;
            }
        }
    }

    /// <summary>One link: 32 bytes, no references.</summary>
    private struct Slot
    {
        /// <summary>The text chunk, or <see cref="None"/> for a free slot.</summary>
        public int Chunk;

        /// <summary>Where the text starts in the chunk; for a free slot, the next free slot.</summary>
        public int Offset;

        public int ExternalLength;

        public int LocalLength;

        /// <summary>The remote version's length, or <see cref="None"/> for <see langword="null"/>.</summary>
        public int RemoteLength;

        /// <summary>The local version's length, or <see cref="None"/> for <see langword="null"/>.</summary>
        public int LocalVersionLength;

        public long LastSeenPass;

        public readonly int TextLength => ExternalLength + LocalLength + Math.Max(RemoteLength, 0) + Math.Max(LocalVersionLength, 0);
    }
}
