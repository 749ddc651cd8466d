using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>Everything one resource run needs: the request, its plan, the record it fills, and the engine's services.</summary>
internal sealed class SyncRunExecution
{
    public required SyncContext Context { get; init; }

    public required SyncPlan Plan { get; init; }

    public required SyncRequest Request { get; init; }

    public required SyncRunRecorder Recorder { get; init; }

    public IProgress<SyncProgress>? Progress { get; init; }

    /// <summary>Whether the run found a run of a killed process and takes its place.</summary>
    public bool TookOverAbandonedRun { get; init; }

    public required ISyncStateStore States { get; init; }

    public required ISyncRunStore Runs { get; init; }

    public required IServiceScopeFactory Scopes { get; init; }

    public required TimeProvider Time { get; init; }

    public required SyncOptions Options { get; init; }

    public required IntegrationsTelemetry Telemetry { get; init; }

    public required ILogger Logger { get; init; }

    public bool IsDryRun => Request.DryRun;

    public Guid IntegrationId => Context.Integration.Id;

    public string Resource => Context.Resource;
}
