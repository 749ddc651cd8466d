using System.Text.Json.Serialization;

namespace Integrations.Benchmarks.Sync;

internal sealed record SyncThroughputResult(
    SyncThroughputMode Mode,
    int Items,
    double Seconds,
    double ItemsPerSecond,
    double CpuSeconds,
    double ItemsPerCpuSecond,
    double PeakWorkingSetMb,
    double ManagedHeapMb,
    double AllocatedBytesPerItem,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(SyncThroughputResult))]
internal sealed partial class SyncThroughputJson : JsonSerializerContext;
