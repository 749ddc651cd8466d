using System.Collections.Concurrent;

namespace Integrations.Interop.Tests.Support;

/// <summary>Records the integration events one host raised.</summary>
internal sealed class RecordingEventHandler : IIntegrationEventHandler
{
    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }

    public int Count(IntegrationEventType type, Guid integrationId) => Events.Count(e => e.Type == type && e.Integration.Id == integrationId);
}
