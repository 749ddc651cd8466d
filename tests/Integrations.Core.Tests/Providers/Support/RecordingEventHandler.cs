using System.Collections.Concurrent;

namespace Integrations.Core.Tests.Providers.Support;

internal sealed class RecordingEventHandler : IIntegrationEventHandler
{
    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}
