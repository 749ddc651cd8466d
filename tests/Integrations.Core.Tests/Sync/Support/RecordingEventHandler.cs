namespace Integrations.Core.Tests.Sync.Support;

public sealed class RecordingEventHandler : IIntegrationEventHandler
{
    private readonly List<IntegrationEvent> _events = [];

    public IReadOnlyList<IntegrationEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        lock (_events)
        {
            _events.Add(integrationEvent);
        }

        return Task.CompletedTask;
    }
}
