namespace Integrations.Internal;

/// <summary>Records that a client name already has the integration handlers, so they are never added twice.</summary>
internal sealed record IntegrationHandlersMarker(string ClientName);
