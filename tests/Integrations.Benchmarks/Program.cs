using BenchmarkDotNet.Running;
using Integrations.Benchmarks.Storage;

// `storage-scale [rounds]`: the interleaved 10k/100k comparison of the store queries (see StorageScaleComparison).
if (args is ["storage-scale", .. var rest])
{
    await StorageScaleComparison.RunAsync(rest is [var rounds] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 3000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
