namespace Integrations.Internal;

/// <summary>Builds the exceptions several parts of the SDK throw, so their codes and wording agree.</summary>
internal static class Errors
{
    public static IntegrationException NotFound(Guid id) =>
        new(IntegrationErrorCode.IntegrationNotFound, $"Integration {id} was not found.") { IntegrationId = id };

    public static IntegrationException Concurrency(Guid id) =>
        new(IntegrationErrorCode.ConcurrencyConflict, $"Integration {id} was changed by someone else; read it again and retry.") { IntegrationId = id };

    public static IntegrationException Duplicate(Integration integration) =>
        new(IntegrationErrorCode.DuplicateIntegration,
            $"The {integration.Provider} account {integration.Account.Id} is already connected for this user.")
        { IntegrationId = integration.Id, Provider = integration.Provider };

    public static IntegrationException ProviderNotSupported(string provider) =>
        new(IntegrationErrorCode.ProviderNotSupported, $"No provider named '{provider}' is registered.") { Provider = provider };

    public static IntegrationException Inactive(Integration integration) =>
        new(integration.Status == IntegrationStatus.ReauthorizationRequired ? IntegrationErrorCode.ReauthorizationRequired : IntegrationErrorCode.IntegrationInactive,
            $"Integration {integration.Id} is {integration.Status}.")
        { IntegrationId = integration.Id, Provider = integration.Provider };
}
