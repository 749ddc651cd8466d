using BenchmarkDotNet.Running;
using Integrations.Benchmarks.Storage;
using Integrations.Benchmarks.Sync;
using Integrations.Benchmarks.Tokens;

// `storage-scale [rounds]`: the interleaved 10k/100k comparison of the store queries (see StorageScaleComparison).
if (args is ["storage-scale", .. var rest])
{
    await StorageScaleComparison.RunAsync(rest is [var rounds] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 3000);
    return 0;
}

// `sync-throughput [--items ...]`: engine vs plain HttpClient loop (see SyncThroughputCommand).
if (SyncThroughputCommand.Handles(args))
{
    return await SyncThroughputCommand.RunAsync(args);
}

// `sync-postgres [--items ...]`: the sync engine pulling into the EF Core sync stores (see SyncPullOnPostgres).
if (SyncPullOnPostgres.Handles(args))
{
    return await SyncPullOnPostgres.RunAsync(args);
}

// `coalescing [--callers 1000] [--rounds 3]`: token requests per burst of cold callers, SDK vs Google.Apis.Auth vs MSAL.NET (see CoalescingCommand).
if (CoalescingCommand.Handles(args))
{
    return await CoalescingCommand.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
