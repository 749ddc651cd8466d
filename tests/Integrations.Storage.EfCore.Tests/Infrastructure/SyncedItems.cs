using Integrations.Testing;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// The host's side of the sandbox resource in the end-to-end tests: items by external id, written by
/// an idempotent handler (a change whose remote version the item already holds writes nothing), and
/// every delivery recorded, so a test can prove that each remote version was applied once.
/// Shared by the "processes" of a test, as the host's own database would be.
/// </summary>
internal sealed class SyncedItems : ISyncHandler<SandboxItemData>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string LocalId, string? RemoteVersion, string Title)> _items = new(StringComparer.Ordinal);
    private readonly List<Delivery> _deliveries = [];

    /// <summary>Runs before every delivery is applied (after it is recorded): may throw, block or cancel.</summary>
    public Func<SyncRemoteChange<SandboxItemData>, Task>? BeforeApply { get; set; }

    public IReadOnlyList<Delivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public IReadOnlyDictionary<string, string> Titles
    {
        get
        {
            lock (_gate)
            {
                return _items.ToDictionary(i => i.Key, i => i.Value.Title, StringComparer.Ordinal);
            }
        }
    }

    public async ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        await BeforeAsync(change);
        lock (_gate)
        {
            var known = _items.TryGetValue(change.ExternalId, out var item);
            var effective = !known || item.RemoteVersion != change.RemoteVersion;
            _deliveries.Add(new Delivery(change.ExternalId, change.RemoteVersion, IsDelete: false, change.PossibleRedelivery, effective));
            var localId = known ? item.LocalId : "local-" + change.ExternalId;
            if (effective)
            {
                _items[change.ExternalId] = (localId, change.RemoteVersion, change.Item.Data!.Title);
            }

            return new SyncLocalResult(localId, change.RemoteVersion);
        }
    }

    public async ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        await BeforeAsync(change);
        lock (_gate)
        {
            var effective = _items.Remove(change.ExternalId);
            _deliveries.Add(new Delivery(change.ExternalId, change.RemoteVersion, IsDelete: true, change.PossibleRedelivery, effective));
        }
    }

    private Task BeforeAsync(SyncRemoteChange<SandboxItemData> change) => BeforeApply?.Invoke(change) ?? Task.CompletedTask;

    /// <summary>One handler call: which remote version, whether the engine flagged it as a possible redelivery, whether it wrote.</summary>
    public sealed record Delivery(string ExternalId, string? RemoteVersion, bool IsDelete, bool PossibleRedelivery, bool Effective);
}
