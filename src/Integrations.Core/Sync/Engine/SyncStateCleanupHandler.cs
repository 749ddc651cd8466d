using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Internal;

/// <summary>On <see cref="IntegrationEventType.Disconnected"/>: stops this process's runs of the integration, then deletes its sync state and links.</summary>
internal sealed class SyncStateCleanupHandler(ISyncStateStore states, IServiceProvider services) : IIntegrationEventHandler
{
    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.Type != IntegrationEventType.Disconnected)
        {
            return;
        }

        // Lazily: the engine depends (through the event dispatcher) on this handler.
        await services.GetRequiredService<SyncEngine>().CancelIntegrationRunsAsync(integrationEvent.Integration.Id).ConfigureAwait(false);
        await states.DeleteAllAsync(integrationEvent.Integration.Id, cancellationToken).ConfigureAwait(false);
    }
}
