namespace Integrations.Testing;

/// <summary>An item as the sandbox server holds it.</summary>
/// <param name="Id">The server's id of the item.</param>
/// <param name="ETag">The item's version; changes with every write.</param>
/// <param name="UpdatedAt">When the item was last written.</param>
/// <param name="IsDeleted">Whether the item is a tombstone.</param>
/// <param name="Data">The item, or <see langword="null"/> for a tombstone.</param>
public sealed record SandboxRemoteItem(string Id, string ETag, DateTimeOffset UpdatedAt, bool IsDeleted, SandboxItemData? Data);
