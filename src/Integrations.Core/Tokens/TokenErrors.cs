namespace Integrations.Internal;

/// <summary>The exceptions of the token vault; messages never carry token values.</summary>
internal static class TokenErrors
{
    public static IntegrationException Unreadable(Exception? inner) =>
        new(IntegrationErrorCode.ReauthorizationRequired,
            "The stored tokens cannot be read (lost or different key ring, tampered data, or another owner's tokens); the user must connect again.",
            inner);

    public static IntegrationException NoTokens(Integration integration) =>
        new(IntegrationErrorCode.ReauthorizationRequired, $"Integration {integration.Id} holds no tokens; the user must connect again.")
        { IntegrationId = integration.Id, Provider = integration.Provider };

    public static IntegrationException NoRefreshToken(Integration integration) =>
        new(IntegrationErrorCode.ReauthorizationRequired,
            $"The access token of integration {integration.Id} is no longer usable and the provider issued no refresh token; the user must connect again.")
        { IntegrationId = integration.Id, Provider = integration.Provider };

    public static IntegrationException TimedOut(Guid integrationId, string? provider, TimeSpan timeout, Exception? inner) =>
        new(IntegrationErrorCode.ConnectionError, $"The token refresh of integration {integrationId} did not finish within {timeout}.", inner)
        { IntegrationId = integrationId, Provider = provider, IsTransient = true };

    public static IntegrationException Unexpected(Guid integrationId, Exception inner) =>
        new(IntegrationErrorCode.Unknown, $"Getting an access token for integration {integrationId} failed unexpectedly.", inner)
        { IntegrationId = integrationId };

    /// <summary>Turns whatever a provider's refresh threw into a typed error naming the integration.</summary>
    public static IntegrationException FromRefreshFailure(Exception failure, Integration integration) => failure switch
    {
        IntegrationException typed => ForIntegration(typed, integration),
        HttpRequestException or IOException or OperationCanceledException =>
            new(IntegrationErrorCode.ConnectionError, $"The token endpoint of {integration.Provider} could not be reached.", failure)
            { IntegrationId = integration.Id, Provider = integration.Provider, IsTransient = true },
        _ => new(IntegrationErrorCode.InvalidResponse, $"The token refresh of integration {integration.Id} failed.", failure)
        { IntegrationId = integration.Id, Provider = integration.Provider },
    };

    /// <summary>Adds the integration's id and provider to an error that lacks them.</summary>
    public static IntegrationException ForIntegration(IntegrationException error, Integration integration) =>
        error.IntegrationId == integration.Id
            ? error
            : new(error.Code, error.Message, error)
            {
                IntegrationId = integration.Id,
                Provider = error.Provider ?? integration.Provider,
                IsTransient = error.IsTransient,
                RetryAfter = error.RetryAfter,
                ProviderError = error.ProviderError,
                StatusCode = error.StatusCode,
            };
}
