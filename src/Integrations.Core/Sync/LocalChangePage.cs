namespace Integrations;

/// <summary>One page of local changes.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="Changes">The changed items, each in its current state.</param>
/// <param name="Checkpoint">The checkpoint after this page: passing it back returns the changes after these. Opaque to the engine, saved after the page was pushed.</param>
/// <param name="HasMore">Whether more changes follow.</param>
public sealed record LocalChangePage<TItem>(IReadOnlyList<LocalChange<TItem>> Changes, string? Checkpoint, bool HasMore)
    where TItem : class;
