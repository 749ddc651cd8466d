using BenchmarkDotNet.Running;
using Integrations.Benchmarks.Sync;

if (SyncThroughputCommand.Handles(args))
{
    return await SyncThroughputCommand.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
