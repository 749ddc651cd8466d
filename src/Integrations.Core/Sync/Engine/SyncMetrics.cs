using System.Diagnostics;

namespace Integrations.Internal;

/// <summary>Records the sync instruments of <see cref="IntegrationsTelemetry"/> with their low-cardinality tags.</summary>
internal static class SyncMetrics
{
    public static string Outcome(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Succeeded => "succeeded",
        SyncRunStatus.PartiallySucceeded => "partially_succeeded",
        SyncRunStatus.Failed => "failed",
        SyncRunStatus.Cancelled => "cancelled",
        _ => "running",
    };

    public static void RunCompleted(IntegrationsTelemetry telemetry, SyncRun run)
    {
        var tags = new TagList
        {
            IntegrationsTelemetry.Provider(run.Provider),
            Resource(run.Resource),
            IntegrationsTelemetry.Outcome(Outcome(run.Status)),
        };
        telemetry.SyncRuns.Add(1, tags);
        if (run.Duration is { } duration)
        {
            telemetry.SyncDuration.Record(duration.TotalSeconds, tags);
        }
    }

    public static void Items(IntegrationsTelemetry telemetry, string provider, string resource, SyncSide side, SyncCounts delta, int conflicts)
    {
        if (!telemetry.SyncItems.Enabled)
        {
            return;
        }

        var sideTag = side == SyncSide.Local ? "local" : "remote";
        Add(telemetry, provider, resource, sideTag, "created", delta.Created);
        Add(telemetry, provider, resource, sideTag, "updated", delta.Updated);
        Add(telemetry, provider, resource, sideTag, "deleted", delta.Deleted);
        Add(telemetry, provider, resource, sideTag, "skipped", delta.Skipped);
        Add(telemetry, provider, resource, sideTag, "failed", delta.Failed);
        Add(telemetry, provider, resource, sideTag, "conflict", conflicts);
    }

    private static void Add(IntegrationsTelemetry telemetry, string provider, string resource, string side, string operation, int count)
    {
        if (count > 0)
        {
            telemetry.SyncItems.Add(count, new TagList
            {
                IntegrationsTelemetry.Provider(provider),
                Resource(resource),
                new("side", side),
                new("operation", operation),
            });
        }
    }

    private static KeyValuePair<string, object?> Resource(string resource) => new("resource", resource);
}
