using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Applies one accepted webhook event: revokes the athlete's integrations on a deauthorization, or
/// records the activity change and runs an activities sync that reads it. Services are resolved
/// from a scope per event, so scoped stores work too.
/// </summary>
internal sealed class StravaWebhookProcessor(string provider, StravaActivityChanges changes, IServiceScopeFactory scopes, ILogger logger)
{
    /// <summary>Applies the event; idempotent (a revoked integration stays as it is, a known activity version is skipped by the engine).</summary>
    public async Task ApplyAsync(StravaWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IIntegrationStore>();
            var integrations = await store.FindByExternalAccountForBackgroundAsync(provider, webhookEvent.OwnerId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (integrations.Count == 0)
            {
                StravaLog.NoIntegrationForAthlete(logger, provider, webhookEvent.OwnerId);
                return;
            }

            if (webhookEvent.IsDeauthorization)
            {
                var manager = scope.ServiceProvider.GetRequiredService<IIntegrationManager>();
                foreach (var integration in integrations)
                {
                    await manager.MarkRevokedAsync(integration.Key, "The athlete withdrew the application's access on Strava.", cancellationToken).ConfigureAwait(false);
                    StravaLog.Deauthorized(logger, provider, webhookEvent.OwnerId, integration.Id);
                }

                return;
            }

            if (!webhookEvent.IsActivity)
            {
                return;
            }

            var engine = scope.ServiceProvider.GetRequiredService<ISyncEngine>();
            foreach (var integration in integrations.Where(i => i.Status == IntegrationStatus.Active))
            {
                if (!changes.Add(integration.Id, new StravaActivityChange(webhookEvent.ObjectId, webhookEvent.IsDelete)))
                {
                    StravaLog.TooManyChanges(logger, provider, integration.Id, StravaActivityChanges.MaxPerIntegration);
                }

                await SyncAsync(engine, integration, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs an activities sync that reads the waiting changes. A run already in progress is joined;
    /// when changes are still waiting after it (they arrived after its last page), another runs.
    /// </summary>
    private async Task SyncAsync(ISyncEngine engine, Integration integration, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            IReadOnlyList<SyncRun> runs;
            try
            {
                runs = await engine.RunAsync(integration.Key, new SyncRequest
                {
                    Resources = [StravaDefaults.ActivitiesResource],
                    Type = SyncRunType.Webhook,
                    ForceFullResync = changes.TakeOverflow(integration.Id),
                    WhenAlreadyRunning = SyncAlreadyRunningBehavior.Join,
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (IntegrationException ex) when (ex.Code is IntegrationErrorCode.InvalidRequest or IntegrationErrorCode.IntegrationNotFound
                or IntegrationErrorCode.IntegrationInactive or IntegrationErrorCode.ReauthorizationRequired or IntegrationErrorCode.SyncAlreadyRunning)
            {
                // No activities handler in the host, or the integration cannot sync: nothing will read the changes.
                if (ex.Code != IntegrationErrorCode.SyncAlreadyRunning)
                {
                    changes.Take(integration.Id, int.MaxValue);
                }

                StravaLog.WebhookSyncSkipped(logger, provider, integration.Id, ex.Code.ToString());
                return;
            }

            if (runs.Any(r => r.Status is not (SyncRunStatus.Succeeded or SyncRunStatus.PartiallySucceeded)) || !changes.HasPending(integration.Id))
            {
                return;
            }
        }
    }
}
