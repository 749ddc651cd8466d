namespace Integrations;

/// <summary>One page of sync history.</summary>
/// <param name="Runs">The runs of this page, newest first.</param>
/// <param name="TotalCount">How many runs match the query in all pages.</param>
public sealed record SyncRunPage(IReadOnlyList<SyncRun> Runs, int TotalCount);
