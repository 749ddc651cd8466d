namespace Integrations.Testing;

/// <summary>The payload of the sandbox's synced resource: a small event-like record.</summary>
/// <param name="Title">The item's title.</param>
/// <param name="Notes">Free text, or <see langword="null"/>.</param>
/// <param name="Start">When the item takes place (what a sync date range filters on), or <see langword="null"/>.</param>
public sealed record SandboxItemData(string Title, string? Notes = null, DateTimeOffset? Start = null);
