namespace Integrations.Sample;

/// <summary>
/// Prints the SDK's integration events. A host registers handlers like this one
/// (<c>services.AddSingleton&lt;IIntegrationEventHandler, MyHandler&gt;()</c>) to react when an
/// account is connected, refreshed, needs reconnecting or is disconnected.
/// </summary>
internal sealed class EventPrinter(SampleConsole console) : IIntegrationEventHandler
{
    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        console.Event($"{integrationEvent.Type} (integration {integrationEvent.Integration.Id}, status {integrationEvent.Integration.Status})"
            + (integrationEvent.Reason is { } reason ? $": {reason}" : ""));
        return Task.CompletedTask;
    }
}
