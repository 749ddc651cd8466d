namespace Integrations.Internal;

/// <summary>What the SDK uses from a discovery document, merged with the endpoints set in the options.</summary>
/// <param name="Issuer">The issuer, equal to the configured authority.</param>
/// <param name="Endpoints">The endpoints; the options' own values win over the document's.</param>
/// <param name="JwksUri">Where the id_token signing keys are published.</param>
/// <param name="IssParameterSupported">Whether callbacks carry <c>iss</c> (RFC 9207), so a callback without it is rejected.</param>
internal sealed record OpenIdConnectConfiguration(string Issuer, OAuthEndpoints Endpoints, Uri JwksUri, bool IssParameterSupported);
