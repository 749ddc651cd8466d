namespace Integrations.Storage.EfCore.Internal;

/// <summary>The shape of one stored <see cref="SyncPendingCreate"/>, an element of the <c>pending_creates</c> array.</summary>
internal sealed record SyncPendingCreateDocument(string LocalId, string? LocalVersion, string IdempotencyKey);
