using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>Log messages of the OAuth 2.0 and OpenID Connect providers. Never a token, code or secret.</summary>
internal static partial class OAuth2ProviderLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Provider {Provider}: {Kind} returned tokens (refresh token: {HasRefreshToken}, expires at {ExpiresAt})")]
    public static partial void TokensReceived(ILogger logger, string provider, OAuthRequestKind kind, bool hasRefreshToken, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Provider {Provider}: {Kind} failed with HTTP {StatusCode}, OAuth error {ProviderError}, mapped to {Code}")]
    public static partial void RequestFailed(ILogger logger, string provider, OAuthRequestKind kind, int statusCode, string? providerError, IntegrationErrorCode code);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Provider {Provider}: {Kind} could not reach the provider")]
    public static partial void NetworkFailure(ILogger logger, Exception exception, string provider, OAuthRequestKind kind);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Provider {Provider}: the token was already revoked (invalid_token); treated as success")]
    public static partial void AlreadyRevoked(ILogger logger, string provider);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Provider {Provider}: read the discovery document of issuer {Issuer}")]
    public static partial void DiscoveryLoaded(ILogger logger, string provider, string issuer);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Provider {Provider}: refreshing the discovery document failed; the previous one stays in use")]
    public static partial void DiscoveryRefreshFailed(ILogger logger, Exception exception, string provider);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Information, Message = "Provider {Provider}: the id_token was signed with an unknown key; fetching the signing keys again")]
    public static partial void SigningKeysRefetched(ILogger logger, string provider);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Provider {Provider}: the id_token of a refresh response failed validation ({Reason}); it is dropped and the new tokens are kept")]
    public static partial void RefreshedIdTokenDropped(ILogger logger, string provider, string reason);
}
