using System.Globalization;
using Integrations.Testing;

namespace Integrations.Core.Tests.Sync.Support;

/// <summary>
/// The host's database in tests: rows with a row version, soft-deleted rows as tombstones, a change
/// feed by row version, and an idempotent handler (a change whose external id and remote version the
/// row already holds is not written again). Records every delivery for the "applied once" checks.
/// </summary>
public sealed class LocalItemStore(TimeProvider time) : ISyncHandler<SandboxItemData>, ILocalChangeFeed<SandboxItemData>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly List<Delivery> _deliveries = [];
    private long _version;
    private int _nextId;

    /// <summary>Runs before every handler call (after it is recorded as attempted): may throw, block or cancel.</summary>
    public Func<SyncRemoteChange<SandboxItemData>, Task>? BeforeApply { get; set; }

    public IReadOnlyList<Delivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.ToList();
            }
        }
    }

    public IReadOnlyList<Row> Live
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.Where(r => !r.Deleted).Select(r => r with { }).OrderBy(r => r.LocalId, StringComparer.Ordinal).ToList();
            }
        }
    }

    public int HandlerCalls
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.Count;
            }
        }
    }

    public Row? Find(string localId)
    {
        lock (_gate)
        {
            return _rows.GetValueOrDefault(localId) is { } row ? row with { } : null;
        }
    }

    public Row? FindByExternalId(string externalId)
    {
        lock (_gate)
        {
            return _rows.Values.FirstOrDefault(r => r.ExternalId == externalId) is { } row ? row with { } : null;
        }
    }

    // The host's own edits.
    public string Create(SandboxItemData data)
    {
        lock (_gate)
        {
            var row = new Row($"L{++_nextId:D5}") { Data = data, Version = ++_version, ModifiedAt = time.GetUtcNow() };
            _rows.Add(row.LocalId, row);
            return row.LocalId;
        }
    }

    public void Update(string localId, SandboxItemData data)
    {
        lock (_gate)
        {
            var row = _rows[localId];
            _rows[localId] = row with { Data = data, Deleted = false, Version = ++_version, ModifiedAt = time.GetUtcNow() };
        }
    }

    public void Delete(string localId)
    {
        lock (_gate)
        {
            var row = _rows[localId];
            _rows[localId] = row with { Data = null, Deleted = true, Version = ++_version, ModifiedAt = time.GetUtcNow() };
        }
    }

    public async ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        if (BeforeApply is { } before)
        {
            await before(change);
        }

        lock (_gate)
        {
            var row = (change.LocalId is not null ? _rows.GetValueOrDefault(change.LocalId) : null)
                ?? _rows.Values.FirstOrDefault(r => r.ExternalId == change.ExternalId);
            if (row is not null && row.ExternalId == change.ExternalId && row.RemoteVersion == change.RemoteVersion)
            {
                // Applied already (a redelivery): no write. The local version only when the row is as
                // that write left it; after a local edit or delete, "unknown", so the engine pushes it.
                _deliveries.Add(new Delivery(change.ExternalId, change.RemoteVersion, false, change.PossibleRedelivery, Effective: false));
                return new SyncLocalResult(row.LocalId, row.Version == row.AppliedVersion ? Format(row.Version) : null);
            }

            row ??= new Row(change.LocalId ?? $"L{++_nextId:D5}");
            row = row with
            {
                ExternalId = change.ExternalId,
                RemoteVersion = change.RemoteVersion,
                Data = change.Item.Data,
                Deleted = false,
                Version = ++_version,
                ModifiedAt = time.GetUtcNow(),
            };
            row = row with { AppliedVersion = row.Version };
            _rows[row.LocalId] = row;
            _deliveries.Add(new Delivery(change.ExternalId, change.RemoteVersion, false, change.PossibleRedelivery, Effective: true));
            return new SyncLocalResult(row.LocalId, Format(row.Version));
        }
    }

    public async ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        if (BeforeApply is { } before)
        {
            await before(change);
        }

        lock (_gate)
        {
            var row = _rows.GetValueOrDefault(change.LocalId!);
            var effective = row is { Deleted: false };
            if (effective)
            {
                _rows[row!.LocalId] = row with { Data = null, Deleted = true, Version = ++_version, ModifiedAt = time.GetUtcNow() };
            }

            _deliveries.Add(new Delivery(change.ExternalId, change.RemoteVersion, true, change.PossibleRedelivery, effective));
        }
    }

    public Task<LocalChangePage<SandboxItemData>> GetChangesAsync(SyncContext context, string? checkpoint, int maxCount, CancellationToken cancellationToken)
    {
        var after = checkpoint is null ? 0 : long.Parse(checkpoint, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            var changed = _rows.Values.Where(r => r.Version > after).OrderBy(r => r.Version).Take(maxCount + 1).ToList();
            var page = changed.Take(maxCount).Select(ToChange).ToList();
            var next = page.Count > 0 ? page[^1].LocalVersion : checkpoint;
            return Task.FromResult(new LocalChangePage<SandboxItemData>(page, next, changed.Count > maxCount));
        }
    }

    public Task<IReadOnlyDictionary<string, LocalChange<SandboxItemData>>> GetCurrentAsync(SyncContext context, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, LocalChange<SandboxItemData>> found = localIds
                .Distinct()
                .Where(_rows.ContainsKey)
                .ToDictionary(id => id, id => ToChange(_rows[id]));
            return Task.FromResult(found);
        }
    }

    private static LocalChange<SandboxItemData> ToChange(Row row) => new(row.LocalId, Format(row.Version), row.Deleted, row.Data, row.ModifiedAt);

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public sealed record Row(string LocalId)
    {
        public string? ExternalId { get; init; }

        public string? RemoteVersion { get; init; }

        public SandboxItemData? Data { get; init; }

        public long Version { get; init; }

        /// <summary>The row version the last remote write left (to tell later local edits apart).</summary>
        public long AppliedVersion { get; init; }

        public bool Deleted { get; init; }

        public DateTimeOffset ModifiedAt { get; init; }
    }

    /// <summary>One handler call: which remote version, whether flagged as possible redelivery, whether it wrote.</summary>
    public sealed record Delivery(string ExternalId, string? RemoteVersion, bool IsDelete, bool PossibleRedelivery, bool Effective);
}
