using System.Text.Json;
using Integrations.Internal;
using Microsoft.Extensions.Logging;

namespace Integrations;

/// <summary>
/// An OpenID Connect provider: <see cref="OAuth2Provider"/> plus discovery, <c>openid</c> in every
/// request, a nonce, the <c>iss</c> callback check of RFC 9207 and id_token validation (signature
/// with the provider's JWKS, issuer, audience, expiry, nonce). Register one with
/// <c>AddOpenIdConnect(name, o => o.Authority = ...)</c>.
/// </summary>
/// <remarks>
/// The discovery document is read once from <c>{Authority}/.well-known/openid-configuration</c>
/// (concurrent first callers share one request), its <c>issuer</c> must equal the authority, and
/// it is read again after <see cref="OpenIdConnectProviderOptions.DiscoveryRefreshInterval"/> or a
/// failed read. The signing keys are read again once when an id_token names an unknown key.
/// </remarks>
public class OpenIdConnectProvider : OAuth2Provider
{
    private readonly OpenIdConnectProviderOptions _options;
    private readonly SingleFlightCache<OpenIdConnectConfiguration> _configuration;
    private readonly SingleFlightCache<JsonWebKeySet> _signingKeys;

    /// <summary>Creates the provider.</summary>
    /// <param name="name">The registered provider name.</param>
    /// <param name="options">The provider's options.</param>
    /// <param name="httpClientFactory">Creates the backchannel client <see cref="IntegrationsHttpClientNames.Backchannel"/>.</param>
    /// <param name="timeProvider">The clock, for token expiry, id_token checks and the discovery refresh.</param>
    /// <param name="logger">The logger.</param>
    public OpenIdConnectProvider(string name, OpenIdConnectProviderOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger logger)
        : base(name, options, httpClientFactory, timeProvider, logger)
    {
        _options = options;
        _configuration = new SingleFlightCache<OpenIdConnectConfiguration>(LoadConfigurationAsync, timeProvider);
        _signingKeys = new SingleFlightCache<JsonWebKeySet>(LoadSigningKeysAsync, timeProvider);
    }

    /// <inheritdoc />
    /// <remarks>Before the discovery document is read this assumes the provider has a revocation endpoint; <see cref="OAuth2Provider.RevokeAsync"/> does nothing when it turns out not to.</remarks>
    public override bool SupportsRevocation =>
        Options.RevocationEndpoint is not null || _configuration.Current is not { } configuration || configuration.Endpoints.RevocationEndpoint is not null;

    /// <inheritdoc />
    /// <remarks>When the options name none: <c>openid profile email</c>.</remarks>
    public override IReadOnlyList<string> DefaultScopes => Options.DefaultScopes.Count > 0 ? [.. Options.DefaultScopes] : ["openid", "profile", "email"];

    /// <inheritdoc />
    /// <remarks>
    /// Checks the callback's <c>iss</c> first (RFC 9207: it must name this issuer, and must be there
    /// when the provider announces it), then validates the id_token the response must carry.
    /// </remarks>
    public override async Task<TokenSet> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configuration = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        if (context.Callback.Issuer is { } issuer ? issuer != configuration.Issuer : configuration.IssParameterSupported)
        {
            throw Rejected(context.Callback.Issuer is null
                ? "the callback has no iss parameter although the provider announces it (RFC 9207)"
                : "the callback's iss parameter names another issuer (RFC 9207); the response may come from a different server");
        }

        var tokens = await base.ExchangeCodeAsync(context, cancellationToken).ConfigureAwait(false);
        if (tokens.IdToken is null)
        {
            throw Rejected("the token response has no id_token");
        }

        if (await ValidateIdTokenAsync(tokens.IdToken, context.Nonce, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw Rejected($"the id_token is not valid: {failure}");
        }

        return tokens;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A refreshed id_token is validated too (without a nonce). One that fails is dropped and
    /// logged instead of failing the refresh: the provider may already have rotated the refresh
    /// token, and losing the new one would lose the grant.
    /// </remarks>
    public override async Task<TokenSet> RefreshAsync(TokenRefreshContext context, CancellationToken cancellationToken = default)
    {
        var tokens = await base.RefreshAsync(context, cancellationToken).ConfigureAwait(false);
        if (tokens.IdToken is null)
        {
            return tokens;
        }

        string? failure;
        try
        {
            // Not the caller's token: once the provider has answered, the new tokens must reach the caller.
            failure = await ValidateIdTokenAsync(tokens.IdToken, expectedNonce: null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IntegrationException ex)
        {
            failure = ex.Message;
        }

        if (failure is null)
        {
            return tokens;
        }

        OAuth2ProviderLog.RefreshedIdTokenDropped(Logger, Name, failure);
        return tokens with { IdToken = null };
    }

    /// <inheritdoc />
    /// <remarks>The userinfo <c>sub</c> must equal the id_token's (OpenID Connect Core §5.3.2).</remarks>
    public override async Task<ExternalAccount> GetAccountAsync(TokenSet tokens, CancellationToken cancellationToken = default)
    {
        var account = await base.GetAccountAsync(tokens, cancellationToken).ConfigureAwait(false);
        if (tokens.IdToken is { } idToken
            && JsonWebToken.TryRead(idToken, out var jwt)
            && IdTokenClaims.Text(jwt.Payload, "sub") is { } subject
            && account.RawProfile is { ValueKind: JsonValueKind.Object } profile
            && IdTokenClaims.Text(profile, "sub") != subject)
        {
            throw Rejected("the userinfo subject (sub) differs from the id_token's");
        }

        return account;
    }

    /// <inheritdoc />
    /// <remarks>The endpoints set in the options, completed from the discovery document.</remarks>
    protected override async ValueTask<OAuthEndpoints> GetEndpointsAsync(CancellationToken cancellationToken) =>
        (await GetConfigurationAsync(cancellationToken).ConfigureAwait(false)).Endpoints;

    /// <inheritdoc />
    /// <remarks>Adds <c>openid</c> to the scopes when it is missing, and the <c>nonce</c>.</remarks>
    protected override void BuildAuthorizationParameters(AuthorizationUrlContext context, IDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var scopes = context.Scopes.IsDefault ? [] : context.Scopes;
        base.BuildAuthorizationParameters(scopes.Contains("openid") ? context : context with { Scopes = ["openid", .. scopes] }, parameters);
        if (!string.IsNullOrEmpty(context.Nonce))
        {
            parameters["nonce"] = context.Nonce;
        }
    }

    private ValueTask<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken) =>
        _configuration.GetAsync(_options.DiscoveryRefreshInterval, ex => OAuth2ProviderLog.DiscoveryRefreshFailed(Logger, ex, Name), cancellationToken);

    private async Task<string?> ValidateIdTokenAsync(string idToken, string? expectedNonce, CancellationToken cancellationToken)
    {
        if (!JsonWebToken.TryRead(idToken, out var jwt))
        {
            return "it is not a signed JWT";
        }

        if (!JsonWebKeySet.IsSupported(jwt.Algorithm))
        {
            return $"its signing algorithm '{ProviderText.Clean(jwt.Algorithm) ?? "none"}' is not supported";
        }

        var configuration = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var keys = await _signingKeys.GetAsync(_options.DiscoveryRefreshInterval, ex => OAuth2ProviderLog.DiscoveryRefreshFailed(Logger, ex, Name), cancellationToken).ConfigureAwait(false);
        var check = keys.Verify(jwt);
        if (check == SignatureCheck.KeyNotFound)
        {
            OAuth2ProviderLog.SigningKeysRefetched(Logger, Name);
            keys = await _signingKeys.ReloadAsync(keys, cancellationToken).ConfigureAwait(false);
            check = keys.Verify(jwt);
        }

        return check switch
        {
            SignatureCheck.Valid => IdTokenClaims.Validate(jwt.Payload, configuration.Issuer, Options.ClientId, expectedNonce, TimeProvider.GetUtcNow(), _options.ClockSkew),
            SignatureCheck.KeyNotFound => "none of the provider's signing keys matches it",
            _ => "its signature is invalid",
        };
    }

    private async Task<OpenIdConnectConfiguration> LoadConfigurationAsync(CancellationToken cancellationToken)
    {
        var authority = _options.Authority ?? throw new InvalidOperationException($"Integrations: provider '{Name}' has no Authority.");
        using var request = new HttpRequestMessage(HttpMethod.Get, authority.TrimEnd('/') + "/.well-known/openid-configuration");
        var response = await SendBackchannelAsync(request, OAuthRequestKind.Metadata, cancellationToken).ConfigureAwait(false);
        var document = RequireJsonObject(response, "the discovery document");

        // OpenID Connect Discovery §4.3: the issuer must be the URL the document was read from.
        // A trailing slash in the configured authority is forgiven; nothing else is.
        var issuer = IdTokenClaims.Text(document, "issuer");
        if (issuer is null || (issuer != authority && issuer != authority.TrimEnd('/')))
        {
            throw Invalid($"the discovery document's issuer '{ProviderText.Clean(issuer)}' is not the configured Authority '{authority}'", response);
        }

        var endpoints = new OAuthEndpoints(
            Options.AuthorizationEndpoint ?? Endpoint(document, "authorization_endpoint", response)!,
            Options.TokenEndpoint ?? Endpoint(document, "token_endpoint", response)!)
        {
            UserInfoEndpoint = Options.UserInfoEndpoint ?? Endpoint(document, "userinfo_endpoint", response, required: false),
            RevocationEndpoint = Options.RevocationEndpoint ?? Endpoint(document, "revocation_endpoint", response, required: false),
        };
        var issParameter = document.TryGetProperty("authorization_response_iss_parameter_supported", out var supported) && supported.ValueKind == JsonValueKind.True;
        OAuth2ProviderLog.DiscoveryLoaded(Logger, Name, issuer);
        return new OpenIdConnectConfiguration(issuer, endpoints, Endpoint(document, "jwks_uri", response)!, issParameter);
    }

    private async Task<JsonWebKeySet> LoadSigningKeysAsync(CancellationToken cancellationToken)
    {
        var configuration = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, configuration.JwksUri);
        var response = await SendBackchannelAsync(request, OAuthRequestKind.Metadata, cancellationToken).ConfigureAwait(false);
        return JsonWebKeySet.Parse(RequireJsonObject(response, "the signing key set (JWKS)"));
    }

    private Uri? Endpoint(JsonElement document, string member, OAuthEndpointResponse response, bool required = true)
    {
        var text = IdTokenClaims.Text(document, member);
        if (text is null)
        {
            return required ? throw Invalid($"the discovery document has no {member}", response) : null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid($"the discovery document's {member} is not an absolute http(s) URL", response);
        }

        if (_options.RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            throw Invalid($"the discovery document's {member} does not use https", response);
        }

        return uri;
    }

    private IntegrationException Rejected(string reason) =>
        new(IntegrationErrorCode.OAuthError, $"{Name}: {reason}.") { Provider = Name };
}
