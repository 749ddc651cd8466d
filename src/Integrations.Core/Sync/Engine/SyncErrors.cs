namespace Integrations.Internal;

/// <summary>Builds the exceptions the sync engine and its stores throw, so codes and wording agree.</summary>
internal static class SyncErrors
{
    public static IntegrationException StateConflict(Guid integrationId, string resource) =>
        new(IntegrationErrorCode.ConcurrencyConflict, $"The sync state of '{resource}' of integration {integrationId} was saved by another run; read it again.")
        { IntegrationId = integrationId };

    public static IntegrationException RunNotFound(Guid runId) =>
        new(IntegrationErrorCode.InvalidRequest, $"No sync run with id {runId} exists.");

    public static IntegrationException AlreadyRunning(Guid integrationId, string resource) =>
        new(IntegrationErrorCode.SyncAlreadyRunning, $"A sync of '{resource}' of integration {integrationId} is already running.")
        { IntegrationId = integrationId, IsTransient = true };

    public static IntegrationException InvalidRequest(Integration integration, string message) =>
        new(IntegrationErrorCode.InvalidRequest, message) { IntegrationId = integration.Id, Provider = integration.Provider };

    public static IntegrationException InvalidQuery(string message) => new(IntegrationErrorCode.InvalidRequest, message);
}
