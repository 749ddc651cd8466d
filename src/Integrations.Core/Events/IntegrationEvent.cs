namespace Integrations;

/// <summary>Something that happened to an integration, raised to every <see cref="IIntegrationEventHandler"/>.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Integration">The integration after the change (before deletion, for <see cref="IntegrationEventType.Disconnected"/>).</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Reason">A short explanation without secrets, when there is one.</param>
public sealed record IntegrationEvent(IntegrationEventType Type, Integration Integration, DateTimeOffset OccurredAt, string? Reason = null);
