using System.Text.Json.Serialization;

namespace Integrations.Benchmarks.Sync;

internal sealed record SyncThroughputResult(
    SyncThroughputMode Mode,
    int Items,
    int Round,
    double Seconds,
    double CpuSeconds,
    double PeakWorkingSetMb,
    double ManagedHeapMb,
    double AllocatedBytesPerItem,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseSeconds,
    double KeptBytesPerItem)
{
    public double ItemsPerSecond => Items / Seconds;

    public double ItemsPerCpuSecond => Items / CpuSeconds;
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(SyncThroughputResult))]
[JsonSerializable(typeof(List<SyncThroughputResult>))]
internal sealed partial class SyncThroughputJson : JsonSerializerContext;
