using System.Collections.Concurrent;

namespace Integrations.Providers.Strava.Tests.Support;

internal sealed class RecordingEventHandler : IIntegrationEventHandler
{
    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    public IReadOnlyList<IntegrationEventType> Types => Events.Select(e => e.Type).ToList();

    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}
