using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>On <see cref="IntegrationEventType.Connected"/>: starts the initial sync in the background when <see cref="SyncOptions.SyncOnConnect"/> is on.</summary>
internal sealed class InitialSyncHandler(IServiceProvider services, IOptions<SyncOptions> options, ILogger<InitialSyncHandler> logger) : IIntegrationEventHandler
{
    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.Type != IntegrationEventType.Connected || !options.Value.SyncOnConnect)
        {
            return;
        }

        var integration = integrationEvent.Integration;
        try
        {
            await services.GetRequiredService<ISyncEngine>().StartAsync(
                integration.Key,
                new SyncRequest { Type = SyncRunType.Initial, TriggeredBy = integration.UserId },
                progress: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (IntegrationException ex)
        {
            SyncLog.InitialSyncFailed(logger, ex, integration.Id);
        }
    }
}
