using System.Collections.Concurrent;

namespace Integrations.TestSupport;

/// <summary>Records the integration events a host raised; tests await the first event of a type or count them.</summary>
public sealed class RecordingEventHandler : IIntegrationEventHandler
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<IntegrationEventType, TaskCompletionSource<IntegrationEvent>> _first = new();

    /// <summary>The events in the order they were raised.</summary>
    public ConcurrentQueue<IntegrationEvent> Events { get; } = new();

    /// <summary>The types of the events in the order they were raised.</summary>
    public IReadOnlyList<IntegrationEventType> Types => Events.Select(e => e.Type).ToList();

    /// <inheritdoc />
    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        Events.Enqueue(integrationEvent);
        First(integrationEvent.Type).TrySetResult(integrationEvent);
        return Task.CompletedTask;
    }

    /// <summary>The first event of a type, raised already or awaited (up to 30 seconds).</summary>
    public Task<IntegrationEvent> WaitForAsync(IntegrationEventType type) => First(type).Task.WaitAsync(Patience);

    /// <summary>How many events of a type were raised.</summary>
    public int Count(IntegrationEventType type) => Events.Count(e => e.Type == type);

    /// <summary>How many events of a type were raised for one integration.</summary>
    public int Count(IntegrationEventType type, Guid integrationId) => Events.Count(e => e.Type == type && e.Integration.Id == integrationId);

    private TaskCompletionSource<IntegrationEvent> First(IntegrationEventType type) =>
        _first.GetOrAdd(type, _ => new TaskCompletionSource<IntegrationEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
}
