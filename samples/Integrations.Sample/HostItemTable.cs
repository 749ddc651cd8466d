using Integrations.Testing;

namespace Integrations.Sample;

/// <summary>
/// Stands in for the host app's own database table of items: what a real host has in SQL with a
/// row-version column. Deleted rows stay as tombstones, so the change feed can report deletions.
/// The app edits rows through <see cref="Add"/>, <see cref="Edit"/> and <see cref="Remove"/>; the
/// sync reaches it only through <see cref="HostItemHandler"/>.
/// </summary>
internal sealed class HostItemTable(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HostItem> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byExternalId = new(StringComparer.Ordinal);
    private long _rowVersion;
    private int _nextId;

    /// <summary>The row version of the last write: unchanged means nothing was written.</summary>
    public long LastRowVersion
    {
        get
        {
            lock (_gate)
            {
                return _rowVersion;
            }
        }
    }

    /// <summary>The rows that are not deleted.</summary>
    public IReadOnlyList<HostItem> Live
    {
        get
        {
            lock (_gate)
            {
                return _rows.Values.Where(r => !r.IsDeleted).ToList();
            }
        }
    }

    /// <summary>A user creates an item in the app.</summary>
    public HostItem Add(SandboxItemData data) => Save(new HostItem(NewId()) { Data = data }, bySync: false);

    /// <summary>A user edits an item in the app.</summary>
    public HostItem Edit(string localId, SandboxItemData data) => Save(Get(localId) with { Data = data }, bySync: false);

    /// <summary>A user deletes an item in the app (a soft delete: the row becomes a tombstone).</summary>
    public HostItem Remove(string localId) => Save(Get(localId) with { Data = null, IsDeleted = true }, bySync: false);

    public HostItem? Find(string localId)
    {
        lock (_gate)
        {
            return _rows.GetValueOrDefault(localId);
        }
    }

    /// <summary>The row linked to a provider item (an index on the external id column in SQL).</summary>
    public HostItem? FindByExternalId(string externalId)
    {
        lock (_gate)
        {
            return _byExternalId.TryGetValue(externalId, out var localId) ? _rows[localId] : null;
        }
    }

    /// <summary>Rows changed after <paramref name="rowVersion"/>, oldest change first (<c>WHERE row_version &gt; @v ORDER BY row_version</c>).</summary>
    public IReadOnlyList<HostItem> ChangedAfter(long rowVersion, int limit)
    {
        lock (_gate)
        {
            return _rows.Values.Where(r => r.RowVersion > rowVersion).OrderBy(r => r.RowVersion).Take(limit).ToList();
        }
    }

    /// <summary>Writes a row with a new row version, like an UPDATE that bumps a rowversion column.</summary>
    /// <param name="row">The row as it should be.</param>
    /// <param name="bySync">Whether the sync writes it (a remote change), rather than the app's user.</param>
    public HostItem Save(HostItem row, bool bySync)
    {
        lock (_gate)
        {
            var version = ++_rowVersion;
            var saved = row with
            {
                RowVersion = version,
                SyncedRowVersion = bySync ? version : row.SyncedRowVersion,
                ModifiedAt = time.GetUtcNow(),
            };
            if (_rows.GetValueOrDefault(saved.LocalId)?.ExternalId is { } previous && previous != saved.ExternalId)
            {
                _byExternalId.Remove(previous);
            }

            _rows[saved.LocalId] = saved;
            if (saved.ExternalId is { } externalId)
            {
                _byExternalId[externalId] = saved.LocalId;
            }

            return saved;
        }
    }

    public string NewId() => $"L{Interlocked.Increment(ref _nextId):D6}";

    private HostItem Get(string localId) => Find(localId) ?? throw new SampleException($"No local item '{localId}'.");
}

/// <summary>One row of the host's table.</summary>
/// <param name="LocalId">The host's id.</param>
internal sealed record HostItem(string LocalId)
{
    public SandboxItemData? Data { get; init; }

    public bool IsDeleted { get; init; }

    /// <summary>Bumped by every write; the local version the sync engine compares.</summary>
    public long RowVersion { get; init; }

    /// <summary>The provider's id, once the row came from (or went to) the provider through a pull.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The provider's version the last remote write carried: with <see cref="ExternalId"/>, what makes the handler idempotent.</summary>
    public string? RemoteVersion { get; init; }

    /// <summary>The row version the last remote write left; a different <see cref="RowVersion"/> means the user changed the row since.</summary>
    public long SyncedRowVersion { get; init; }

    public DateTimeOffset ModifiedAt { get; init; }
}
