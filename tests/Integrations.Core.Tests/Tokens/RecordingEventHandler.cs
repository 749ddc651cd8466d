using System.Collections.Concurrent;

namespace Integrations.Core.Tests.Tokens;

/// <summary>Records integration events; tests await the first event of a type.</summary>
internal sealed class RecordingEventHandler : IIntegrationEventHandler
{
    private readonly ConcurrentDictionary<IntegrationEventType, TaskCompletionSource<IntegrationEvent>> _first = new();

    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(integrationEvent);
        First(integrationEvent.Type).TrySetResult(integrationEvent);
        return Task.CompletedTask;
    }

    public Task<IntegrationEvent> WaitForAsync(IntegrationEventType type) => First(type).Task.WaitAsync(TokenTestHost.Patience);

    public int Count(IntegrationEventType type) => Events.Count(e => e.Type == type);

    private TaskCompletionSource<IntegrationEvent> First(IntegrationEventType type) =>
        _first.GetOrAdd(type, _ => new TaskCompletionSource<IntegrationEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
}
