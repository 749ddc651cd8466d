namespace Integrations;

/// <summary>What a handler returns after applying a remote change.</summary>
/// <param name="LocalId">The host's id of the item (new for a create).</param>
/// <param name="LocalVersion">
/// The item's local version after the write (row version, update counter, hash), exactly as the
/// resource's <see cref="ILocalChangeFeed{TItem}"/> will report it. The engine records it, so the
/// local change feed's report of this very write is not pushed back to the provider (echo
/// suppression), and a later local edit is recognized as one. Required for two-way resources;
/// may be <see langword="null"/> for pull-only ones.
/// </param>
public sealed record SyncLocalResult(string LocalId, string? LocalVersion);
