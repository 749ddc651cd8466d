namespace Integrations.Benchmarks.Sync;

internal enum SyncThroughputMode
{
    /// <summary>HttpClient + System.Text.Json reading the pages, nothing else: the limit.</summary>
    Plain,

    /// <summary>The sync engine with the default in-memory stores (its item links grow with the items).</summary>
    Engine,

    /// <summary>The sync engine with links kept outside the process, as a database store does: the engine's own memory.</summary>
    EngineExternalLinks,
}
