using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>Raises events to every registered handler; a failing handler is logged, never rethrown.</summary>
internal sealed partial class IntegrationEventDispatcher(IEnumerable<IIntegrationEventHandler> handlers, ILogger<IntegrationEventDispatcher> logger)
{
    private readonly IIntegrationEventHandler[] _handlers = handlers.ToArray();

    public async Task RaiseAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.HandleAsync(integrationEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, ex, handler.GetType().Name, integrationEvent.Type, integrationEvent.Integration.Id);
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Integration event handler {Handler} failed for {EventType} of integration {IntegrationId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string handler, IntegrationEventType eventType, Guid integrationId);
}
