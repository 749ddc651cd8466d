using System.Net;
using Integrations.Testing.Internal;

namespace Integrations.Testing;

/// <summary>
/// An in-process, paged, writable remote resource that behaves like a real provider API (JSON over
/// HTTP behind an <see cref="HttpMessageHandler"/>, no sockets): a listing with page tokens and sync
/// tokens like Google Calendar's <c>events.list</c>, deletions as tombstones, sync tokens that
/// expire (<c>410 fullSyncRequired</c>), creates, updates and deletes with etags (<c>If-Match</c>,
/// <c>412</c>) and idempotency keys, and injected failures (429 with <c>Retry-After</c>, 5xx, failing
/// items, slow responses). Tests and samples seed and edit its items directly.
/// </summary>
/// <remarks>
/// HTTP API, relative to <see cref="BaseAddress"/>: <c>GET items?maxResults&amp;pageToken&amp;syncToken&amp;timeMin&amp;timeMax</c>,
/// <c>POST items</c> (header <c>Idempotency-Key</c>), <c>PUT items/{id}</c> and <c>DELETE items/{id}</c>
/// (header <c>If-Match</c>). Every request needs an <c>Authorization: Bearer</c> header accepted by
/// <see cref="TokenValidator"/> (any token by default).
/// </remarks>
public sealed partial class SandboxSyncServer
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly List<(long Seq, Entry Entry)> _log = [];
    private readonly Dictionary<string, WriteOutcome> _idempotent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpStatusCode> _failingItems = new(StringComparer.Ordinal);
    private readonly Dictionary<SandboxRequestKind, int> _requests = [];
    private readonly int _generatedCount;
    private (HttpStatusCode Status, int Remaining, SandboxRequestKind Kinds, TimeSpan? RetryAfter)? _nextFailures;
    private long _seq;
    private int _epoch = 1;
    private int _nextId;

    /// <summary>Creates an empty server.</summary>
    /// <param name="timeProvider">The clock for update times, token lifetimes and <see cref="Latency"/>; the system clock by default.</param>
    public SandboxSyncServer(TimeProvider? timeProvider = null)
        : this(timeProvider, generatedCount: 0)
    {
    }

    private SandboxSyncServer(TimeProvider? timeProvider, int generatedCount)
    {
        _time = timeProvider ?? TimeProvider.System;
        _generatedCount = generatedCount;
    }

    /// <summary>The address the server answers at.</summary>
    public Uri BaseAddress { get; } = new("https://sync.sandbox.test/v1/");

    /// <summary>The largest page the listing returns. Default 1,000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>How long a sync token stays valid, or <see langword="null"/> for ever (until <see cref="ExpireSyncTokens"/>).</summary>
    public TimeSpan? SyncTokenLifetime { get; set; }

    /// <summary>How long every response takes (waited on the server's clock, so a fake clock controls it). Default none.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Decides which bearer tokens are accepted; any by default. A rejected token gets <c>401</c>.</summary>
    public Func<string, bool> TokenValidator { get; set; } = static _ => true;

    /// <summary>Answers a request instead of the server when it returns a response (for failures no other knob covers).</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Intercept { get; set; }

    /// <summary>
    /// Creates a read-only server with <paramref name="count"/> items generated on the fly (nothing
    /// held in memory per item), for measuring sync throughput and memory at scale.
    /// </summary>
    /// <param name="count">How many items the listing returns.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The server.</returns>
    public static SandboxSyncServer CreateGenerated(int count, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new SandboxSyncServer(timeProvider, count);
    }

    /// <summary>Creates a handler that sends requests to this server (one per HttpClient; handlers share the server).</summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => new SandboxSyncHttpHandler(this);

    /// <summary>The live items (no tombstones), in id order.</summary>
    public IReadOnlyList<SandboxRemoteItem> Items
    {
        get
        {
            lock (_gate)
            {
                return _entries.Where(e => !e.Deleted && !e.Purged).Select(e => e.ToItem()).ToList();
            }
        }
    }

    /// <summary>Adds <paramref name="count"/> items.</summary>
    /// <param name="count">How many.</param>
    /// <param name="data">Builds item <c>i</c>; by default <c>Item {i}</c>.</param>
    /// <returns>The items added.</returns>
    public IReadOnlyList<SandboxRemoteItem> Seed(int count, Func<int, SandboxItemData>? data = null)
    {
        var added = new List<SandboxRemoteItem>(count);
        for (var i = 0; i < count; i++)
        {
            added.Add(Create(data?.Invoke(i) ?? new SandboxItemData($"Item {i}")));
        }

        return added;
    }

    /// <summary>Creates an item, as another client of the provider would.</summary>
    /// <param name="data">The item.</param>
    /// <returns>The stored item.</returns>
    public SandboxRemoteItem Create(SandboxItemData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            return AddEntry(data).ToItem();
        }
    }

    /// <summary>Replaces an item, as another client would.</summary>
    /// <param name="id">The item id.</param>
    /// <param name="data">The new content.</param>
    /// <returns>The stored item.</returns>
    /// <exception cref="KeyNotFoundException">No live item has this id.</exception>
    public SandboxRemoteItem Update(string id, SandboxItemData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            var entry = LiveEntry(id) ?? throw new KeyNotFoundException($"No sandbox item '{id}'.");
            Touch(entry, data, deleted: false);
            return entry.ToItem();
        }
    }

    /// <summary>Deletes an item (it becomes a tombstone in incremental listings), as another client would.</summary>
    /// <param name="id">The item id.</param>
    /// <returns><see langword="true"/> when a live item was deleted.</returns>
    public bool Delete(string id)
    {
        lock (_gate)
        {
            if (LiveEntry(id) is not { } entry)
            {
                return false;
            }

            Touch(entry, null, deleted: true);
            return true;
        }
    }

    /// <summary>
    /// Removes an item without a tombstone, as providers eventually drop deletion markers: an
    /// incremental sync never hears of it; only a full resync (reconciliation) notices it is gone.
    /// </summary>
    /// <param name="id">The item id.</param>
    /// <returns><see langword="true"/> when the item existed.</returns>
    public bool Purge(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out var entry))
            {
                return false;
            }

            entry.Purged = true;
            return true;
        }
    }

    /// <summary>Reads an item.</summary>
    /// <param name="id">The item id.</param>
    /// <returns>The item (a tombstone when deleted), or <see langword="null"/>.</returns>
    public SandboxRemoteItem? Get(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id)?.ToItem();
        }
    }

    /// <summary>Invalidates every sync token and page token handed out so far: their next use gets <c>410 fullSyncRequired</c>.</summary>
    public void ExpireSyncTokens()
    {
        lock (_gate)
        {
            _epoch++;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> requests of the given kinds fail with <paramref name="status"/>.</summary>
    /// <param name="status">The status, for example 429 or 500.</param>
    /// <param name="count">How many requests fail.</param>
    /// <param name="kinds">Which requests count.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> header to send, when any.</param>
    public void FailNextRequests(HttpStatusCode status, int count = 1, SandboxRequestKind kinds = SandboxRequestKind.All, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _nextFailures = (status, count, kinds, retryAfter);
        }
    }

    /// <summary>Makes every write to one item fail with <paramref name="status"/> (for example 400 for an item the provider refuses).</summary>
    /// <param name="itemId">The item id.</param>
    /// <param name="status">The status.</param>
    public void FailWritesTo(string itemId, HttpStatusCode status)
    {
        lock (_gate)
        {
            _failingItems[itemId] = status;
        }
    }

    /// <summary>Removes every injected failure.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _nextFailures = null;
            _failingItems.Clear();
        }
    }

    /// <summary>How many requests of the given kinds the server answered (failures included).</summary>
    /// <param name="kinds">The kinds.</param>
    /// <returns>The count.</returns>
    public int RequestCount(SandboxRequestKind kinds = SandboxRequestKind.All)
    {
        lock (_gate)
        {
            return _requests.Where(r => (kinds & r.Key) != 0).Sum(r => r.Value);
        }
    }

    private Entry AddEntry(SandboxItemData data)
    {
        var entry = new Entry($"i{++_nextId:D9}");
        _entries.Add(entry);
        _byId.Add(entry.Id, entry);
        Touch(entry, data, deleted: false);
        return entry;
    }

    private void Touch(Entry entry, SandboxItemData? data, bool deleted)
    {
        entry.Seq = ++_seq;
        entry.Data = data;
        entry.Deleted = deleted;
        entry.Updated = _time.GetUtcNow();
        _log.Add((entry.Seq, entry));
    }

    private Entry? LiveEntry(string id) => _byId.TryGetValue(id, out var entry) && !entry.Deleted ? entry : null;

    private sealed class Entry(string id)
    {
        public string Id { get; } = id;

        public long Seq { get; set; }

        public DateTimeOffset Updated { get; set; }

        public bool Deleted { get; set; }

        public bool Purged { get; set; }

        public SandboxItemData? Data { get; set; }

        public string ETag => "e" + Seq;

        public SandboxRemoteItem ToItem() => new(Id, ETag, Updated, Deleted, Data);

        public SandboxWireItem ToWire() => new()
        {
            Id = Id,
            ETag = ETag,
            Updated = Updated,
            Deleted = Deleted,
            Title = Data?.Title,
            Notes = Data?.Notes,
            Start = Data?.Start,
        };
    }

    /// <summary>A write as answered, replayed for a repeated idempotency key.</summary>
    private sealed record WriteOutcome(HttpStatusCode Status, SandboxWireItem? Item);
}
