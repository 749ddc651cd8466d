namespace Integrations.Storage.EfCore.Internal;

/// <summary>The shape of a stored <see cref="SyncDateRange"/> (<c>jsonb</c>).</summary>
internal sealed record SyncDateRangeDocument(DateTimeOffset? From, DateTimeOffset? To);
