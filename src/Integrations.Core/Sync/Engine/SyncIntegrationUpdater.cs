using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>
/// After a run: updates the integration's health and next sync time, and marks it
/// <see cref="IntegrationStatus.ReauthorizationRequired"/> when the provider said so (with an event,
/// unless it was marked already). Retries lost optimistic-concurrency races.
/// </summary>
internal sealed class SyncIntegrationUpdater(IIntegrationStore store, IServiceProvider services, TimeProvider time, ILogger<SyncIntegrationUpdater> logger)
{
    private const int MaxAttempts = 5;

    public async Task RecordRunAsync(SyncRun run)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var integration = await store.GetForBackgroundAsync(run.IntegrationId, CancellationToken.None).ConfigureAwait(false);
                if (integration is null)
                {
                    return;
                }

                var updated = Apply(integration, run);
                var saved = await store.UpdateAsync(updated, CancellationToken.None).ConfigureAwait(false);
                if (saved.Status == IntegrationStatus.ReauthorizationRequired && integration.Status != IntegrationStatus.ReauthorizationRequired)
                {
                    // Resolved lazily: event handlers (initial sync) depend on the engine, which depends on this.
                    await services.GetRequiredService<IntegrationEventDispatcher>()
                        .RaiseAsync(new IntegrationEvent(IntegrationEventType.ReauthorizationRequired, saved, saved.UpdatedAt, run.ErrorMessage), CancellationToken.None)
                        .ConfigureAwait(false);
                }

                return;
            }
            catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ConcurrencyConflict && attempt < MaxAttempts)
            {
            }
            catch (Exception ex)
            {
                SyncLog.IntegrationUpdateFailed(logger, ex, run.IntegrationId, run.Id);
                return;
            }
        }
    }

    private Integration Apply(Integration integration, SyncRun run)
    {
        var now = run.CompletedAt ?? time.GetUtcNow();
        var health = run.Status switch
        {
            SyncRunStatus.Succeeded or SyncRunStatus.PartiallySucceeded => integration.Health.WithSuccess() with { LastSyncAt = now },
            SyncRunStatus.Failed => integration.Health.WithError(run.ErrorCode ?? IntegrationErrorCode.SyncFailed, run.ErrorMessage ?? "The sync failed.", now),
            _ => integration.Health,
        };
        DateTimeOffset? next = integration.Settings.AutoSync ? now + integration.Settings.SyncInterval : null;
        if (next is { } due && run.ResumeAt is { } resumeAt && resumeAt > due)
        {
            next = resumeAt;
        }

        var status = run.ErrorCode == IntegrationErrorCode.ReauthorizationRequired && integration.Status == IntegrationStatus.Active
            ? IntegrationStatus.ReauthorizationRequired
            : integration.Status;
        return integration with { Health = health, NextSyncAt = next, Status = status, UpdatedAt = now };
    }
}
