namespace Integrations;

/// <summary>
/// Receives integration events. Register any number with
/// <c>services.AddSingleton&lt;IIntegrationEventHandler, MyHandler&gt;()</c>. A handler's exception is
/// logged and does not fail the operation that raised the event.
/// </summary>
public interface IIntegrationEventHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="integrationEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}
