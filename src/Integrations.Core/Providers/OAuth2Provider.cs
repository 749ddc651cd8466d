using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Internal;
using Microsoft.Extensions.Logging;

namespace Integrations;

/// <summary>
/// A standard OAuth 2.0 provider (RFC 6749 authorization code grant with PKCE, RFC 7009 revocation),
/// configured by <see cref="OAuthProviderOptions"/>. Register one with <c>AddOAuth2(name, ...)</c>.
/// </summary>
/// <remarks>
/// Provider packages derive from this class and override only their quirks through the protected
/// hooks: <see cref="BuildAuthorizationParameters"/>, <see cref="AddClientAuthentication"/>,
/// <see cref="ParseTokenResponse"/>, <see cref="MapErrorResponse"/>, <see cref="MapProfile"/> and
/// <see cref="GetEndpointsAsync"/>. Every request goes through the backchannel <c>HttpClient</c>
/// named <see cref="IntegrationsHttpClientNames.Backchannel"/>; bodies are read up to
/// <see cref="OAuthProviderOptions.MaxResponseBytes"/>. Token endpoint requests are never sent
/// twice: a rotated refresh token must not be replayed.
/// </remarks>
public class OAuth2Provider : IOAuthProvider
{
    private const string CodeChallengeMethod = "S256";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly string _clientName;
    private OAuthEndpoints? _endpoints;

    /// <summary>Creates the provider.</summary>
    /// <param name="name">The registered provider name, stored on every integration.</param>
    /// <param name="options">The provider's options (validated at start-up when registered through <c>AddOAuth2</c>).</param>
    /// <param name="httpClientFactory">Creates the backchannel client <see cref="IntegrationsHttpClientNames.Backchannel"/>.</param>
    /// <param name="timeProvider">The clock, for token expiry and <c>Retry-After</c> dates.</param>
    /// <param name="logger">The logger.</param>
    public OAuth2Provider(string name, OAuthProviderOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Name = name;
        Options = options;
        TimeProvider = timeProvider;
        Logger = logger;
        _httpClientFactory = httpClientFactory;
        _clientName = IntegrationsHttpClientNames.Backchannel(name);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public virtual TokenRefreshOptions TokenRefresh => Options.TokenRefresh;

    /// <inheritdoc />
    public virtual bool SupportsRevocation => Options.RevocationEndpoint is not null;

    /// <inheritdoc />
    public virtual IReadOnlyList<string> DefaultScopes => [.. Options.DefaultScopes];

    /// <summary>The provider's options.</summary>
    protected OAuthProviderOptions Options { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>The logger.</summary>
    protected ILogger Logger { get; }

    /// <inheritdoc />
    public virtual async ValueTask<Uri> CreateAuthorizationUrlAsync(AuthorizationUrlContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoints = await GetEndpointsAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        BuildAuthorizationParameters(context, parameters);
        return FormEncoding.AppendQuery(endpoints.AuthorizationEndpoint, parameters);
    }

    /// <inheritdoc />
    public virtual Task<TokenSet> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RequestTokensAsync(
            OAuthRequestKind.CodeExchange,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "authorization_code",
                ["code"] = context.Code,
                ["redirect_uri"] = context.RedirectUri.AbsoluteUri,
                ["code_verifier"] = context.CodeVerifier,
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public virtual Task<TokenSet> RefreshAsync(TokenRefreshContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Current.RefreshToken))
        {
            throw new IntegrationException(IntegrationErrorCode.ReauthorizationRequired, $"{Name}: the integration holds no refresh token; the user must connect again.")
            {
                Provider = Name,
                IntegrationId = context.Integration.Id,
            };
        }

        return RequestTokensAsync(
            OAuthRequestKind.Refresh,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = context.Current.RefreshToken,
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Calls the userinfo endpoint with the access token; without one, reads the claims of the
    /// <c>id_token</c> that came with the tokens.
    /// </remarks>
    public virtual async Task<ExternalAccount> GetAccountAsync(TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var endpoints = await GetEndpointsAsync(cancellationToken).ConfigureAwait(false);
        if (endpoints.UserInfoEndpoint is { } userInfo)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, userInfo);
            request.Headers.Authorization = new AuthenticationHeaderValue(tokens.TokenType, tokens.AccessToken);
            var response = await SendBackchannelAsync(request, OAuthRequestKind.UserInfo, cancellationToken).ConfigureAwait(false);
            return MapProfile(RequireJsonObject(response, "the userinfo response"));
        }

        if (tokens.IdToken is { } idToken)
        {
            return MapProfile(JsonWebToken.TryRead(idToken, out var jwt)
                ? jwt.Payload
                : throw Invalid("the id_token is not a readable JWT", null));
        }

        throw Invalid("there is no userinfo endpoint and the token response carried no id_token, so the account cannot be read", null);
    }

    /// <inheritdoc />
    public virtual IReadOnlyList<string> GetGrantedScopes(ConnectCallback callback, TokenSet tokens, IReadOnlyList<string> requestedScopes)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(requestedScopes);
        if (tokens.Scopes is { IsDefaultOrEmpty: false } granted)
        {
            return granted;
        }

        if (callback.Parameters.TryGetValue("scope", out var scope) && ScopeText.Split(scope, Options.ScopeSeparator) is { IsEmpty: false } fromCallback)
        {
            return fromCallback;
        }

        return requestedScopes;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Sends the refresh token when there is one (revoking it ends the whole grant at RFC 7009
    /// servers), else the access token. An <c>invalid_token</c> answer means the token is already
    /// gone and counts as success.
    /// </remarks>
    public virtual async Task RevokeAsync(TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var endpoints = await GetEndpointsAsync(cancellationToken).ConfigureAwait(false);
        if (endpoints.RevocationEndpoint is not { } revocation)
        {
            return;
        }

        var (token, hint) = string.IsNullOrEmpty(tokens.RefreshToken) ? (tokens.AccessToken, "access_token") : (tokens.RefreshToken, "refresh_token");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["token"] = token, ["token_type_hint"] = hint };
        using var request = new HttpRequestMessage(HttpMethod.Post, revocation);
        AddClientAuthentication(request, parameters);
        request.Content = new FormUrlEncodedContent(parameters);
        try
        {
            await SendBackchannelAsync(request, OAuthRequestKind.Revocation, cancellationToken).ConfigureAwait(false);
        }
        catch (IntegrationException ex) when (ex.ProviderError == "invalid_token")
        {
            OAuth2ProviderLog.AlreadyRevoked(Logger, Name);
        }
    }

    /// <summary>
    /// Returns the provider's endpoints. The default reads them from <see cref="Options"/>;
    /// OpenID Connect fills the missing ones from the discovery document.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The endpoints.</returns>
    protected virtual ValueTask<OAuthEndpoints> GetEndpointsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_endpoints ??= new OAuthEndpoints(
            Options.AuthorizationEndpoint ?? throw new InvalidOperationException($"Integrations: provider '{Name}' has no AuthorizationEndpoint."),
            Options.TokenEndpoint ?? throw new InvalidOperationException($"Integrations: provider '{Name}' has no TokenEndpoint."))
        {
            UserInfoEndpoint = Options.UserInfoEndpoint,
            RevocationEndpoint = Options.RevocationEndpoint,
        });

    /// <summary>
    /// Fills the query parameters of the authorization URL. The default sends the configured
    /// <see cref="OAuthProviderOptions.AdditionalAuthorizationParameters"/>, then the request's
    /// extra parameters, then the protocol parameters (<c>response_type=code</c>, <c>client_id</c>,
    /// <c>redirect_uri</c>, <c>scope</c> joined by <see cref="OAuthProviderOptions.ScopeSeparator"/>,
    /// <c>state</c>, the S256 <c>code_challenge</c>, <c>login_hint</c>), which nothing can override.
    /// </summary>
    /// <param name="context">What the URL carries.</param>
    /// <param name="parameters">The parameters, in the order they appear in the URL.</param>
    protected virtual void BuildAuthorizationParameters(AuthorizationUrlContext context, IDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters["response_type"] = "code";
        parameters["client_id"] = Options.ClientId;
        parameters["redirect_uri"] = context.RedirectUri.AbsoluteUri;
        if (!context.Scopes.IsDefaultOrEmpty)
        {
            parameters["scope"] = string.Join(Options.ScopeSeparator, context.Scopes);
        }

        parameters["state"] = context.State;
        parameters["code_challenge"] = context.CodeChallenge;
        parameters["code_challenge_method"] = CodeChallengeMethod;
        if (!string.IsNullOrEmpty(context.LoginHint))
        {
            parameters["login_hint"] = context.LoginHint;
        }

        foreach (var (name, value) in Options.AdditionalAuthorizationParameters.Concat(context.ExtraParameters))
        {
            if (!AuthorizationParameterNames.IsReserved(name))
            {
                parameters[name] = value;
            }
        }
    }

    /// <summary>
    /// Authenticates the client at the token and revocation endpoints, per
    /// <see cref="OAuthProviderOptions.ClientAuthentication"/>: <c>Basic</c> sets the
    /// <c>Authorization</c> header with the form-urlencoded id and secret (RFC 6749 §2.3.1);
    /// <c>Post</c> adds <c>client_id</c> and <c>client_secret</c> to the body; <c>None</c> adds
    /// only <c>client_id</c>.
    /// </summary>
    /// <param name="request">The request (its content is set after this call).</param>
    /// <param name="parameters">The form body parameters.</param>
    protected virtual void AddClientAuthentication(HttpRequestMessage request, IDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        switch (Options.ClientAuthentication)
        {
            case ClientAuthenticationMethod.Basic:
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", FormEncoding.BasicCredentials(Options.ClientId, Options.ClientSecret ?? ""));
                break;
            case ClientAuthenticationMethod.Post:
                parameters["client_id"] = Options.ClientId;
                parameters["client_secret"] = Options.ClientSecret ?? "";
                break;
            default:
                parameters["client_id"] = Options.ClientId;
                break;
        }
    }

    /// <summary>
    /// Reads a successful token response (RFC 6749 §5.1): <c>access_token</c> (required),
    /// <c>token_type</c>, <c>expires_in</c>, <c>refresh_token</c>, <c>scope</c>, <c>id_token</c>,
    /// <c>refresh_token_expires_in</c>; every other member goes to
    /// <see cref="TokenSet.AdditionalData"/>.
    /// </summary>
    /// <param name="response">The response; its <see cref="OAuthEndpointResponse.Json"/> may be anything.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.InvalidResponse"/> when the body is not a token response.</exception>
    protected virtual TokenSet ParseTokenResponse(OAuthEndpointResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var json = RequireJsonObject(response, "the token response");
        if (!json.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String || accessToken.GetString() is not { Length: > 0 } access)
        {
            throw Invalid("the token response has no access_token", response);
        }

        var now = TimeProvider.GetUtcNow();
        string tokenType = "Bearer";
        string? refreshToken = null, idToken = null;
        DateTimeOffset? expiresAt = null, refreshExpiresAt = null;
        ImmutableArray<string>? scopes = null;
        var additional = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            var value = member.Value;
            if (value.ValueKind == JsonValueKind.Null && member.Name is "access_token" or "token_type" or "expires_in" or "refresh_token" or "id_token" or "scope" or "refresh_token_expires_in" or "refresh_expires_in")
            {
                continue;
            }

            switch (member.Name)
            {
                case "access_token":
                    break;
                case "token_type":
                    tokenType = value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } type
                        ? (string.Equals(type, "bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : type)
                        : throw Invalid("the token response's token_type is not a string", response);
                    break;
                case "expires_in":
                    expiresAt = now + ReadLifetime(value, "expires_in", response);
                    break;
                case "refresh_token":
                    refreshToken = value.ValueKind == JsonValueKind.String
                        ? (value.GetString() is { Length: > 0 } refresh ? refresh : null)
                        : throw Invalid("the token response's refresh_token is not a string", response);
                    break;
                case "id_token":
                    idToken = value.ValueKind == JsonValueKind.String
                        ? (value.GetString() is { Length: > 0 } id ? id : null)
                        : throw Invalid("the token response's id_token is not a string", response);
                    break;
                case "scope":
                    scopes = ScopeText.Read(value, Options.ScopeSeparator);
                    break;
                case "refresh_token_expires_in" or "refresh_expires_in":
                    // Keycloak sends refresh_expires_in = 0 for offline tokens, which never expire.
                    var lifetime = ReadLifetime(value, member.Name, response);
                    refreshExpiresAt = lifetime > TimeSpan.Zero ? now + lifetime : null;
                    break;
                default:
                    additional[member.Name] = value.Clone();
                    break;
            }
        }

        return new TokenSet(access)
        {
            TokenType = tokenType,
            ExpiresAt = expiresAt,
            RefreshToken = refreshToken,
            RefreshTokenExpiresAt = refreshExpiresAt,
            IdToken = idToken,
            Scopes = scopes,
            AdditionalData = additional.ToImmutable(),
        };
    }

    /// <summary>
    /// Turns a failed response into a typed error. Called for every non-2xx response and for a
    /// 2xx token or revocation response whose body carries an <c>error</c> member.
    /// </summary>
    /// <remarks>
    /// The default: 429 → <see cref="IntegrationErrorCode.RateLimitExceeded"/> and 5xx,
    /// <c>temporarily_unavailable</c>, <c>server_error</c> → <see cref="IntegrationErrorCode.ProviderUnavailable"/>
    /// (both transient, with <see cref="IntegrationException.RetryAfter"/>);
    /// <c>invalid_client</c> or a 401 from the token endpoint → <see cref="IntegrationErrorCode.InvalidCredentials"/>;
    /// <c>invalid_grant</c> (and <c>interaction_required</c>, <c>consent_required</c>, <c>login_required</c>)
    /// on a refresh → <see cref="IntegrationErrorCode.ReauthorizationRequired"/>;
    /// 403 or <c>insufficient_scope</c> from userinfo → <see cref="IntegrationErrorCode.PermissionDenied"/>;
    /// any other <c>error</c> → <see cref="IntegrationErrorCode.OAuthError"/>; anything else →
    /// <see cref="IntegrationErrorCode.InvalidResponse"/>. The message never contains the body.
    /// </remarks>
    /// <param name="response">The failed response.</param>
    /// <returns>The exception to throw.</returns>
    protected virtual IntegrationException MapErrorResponse(OAuthEndpointResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var error = response.Error;
        var refresh = response.Kind == OAuthRequestKind.Refresh;
        var tokenEndpoint = response.Kind is OAuthRequestKind.CodeExchange or OAuthRequestKind.Refresh;
        var (code, transient) = (status, error) switch
        {
            (429, _) => (IntegrationErrorCode.RateLimitExceeded, true),
            ( >= 500, _) or (_, "temporarily_unavailable" or "server_error") => (IntegrationErrorCode.ProviderUnavailable, true),
            (408, _) => (IntegrationErrorCode.ConnectionError, true),
            (_, "invalid_client") => (IntegrationErrorCode.InvalidCredentials, false),
            (_, "invalid_grant" or "interaction_required" or "consent_required" or "login_required") when refresh => (IntegrationErrorCode.ReauthorizationRequired, false),
            (403, _) or (_, "insufficient_scope") when response.Kind == OAuthRequestKind.UserInfo => (IntegrationErrorCode.PermissionDenied, false),
            (_, not null) => (IntegrationErrorCode.OAuthError, false),
            (401, _) when tokenEndpoint => (IntegrationErrorCode.InvalidCredentials, false),
            _ => (IntegrationErrorCode.InvalidResponse, false),
        };

        var description = ProviderText.Clean(response.ErrorDescription);
        var message = $"{Name}: the {Describe(response.Kind)} failed with HTTP {status}"
            + (error is null ? "" : $" ({ProviderText.Clean(error)}{(description is null ? "" : ": " + description)})")
            + (response.RetryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s." : ".");
        return new IntegrationException(code, message)
        {
            Provider = Name,
            ProviderError = error,
            StatusCode = status,
            IsTransient = transient,
            RetryAfter = response.RetryAfter,
        };
    }

    /// <summary>
    /// Maps a profile (userinfo response or id_token claims) to the external account, with
    /// <see cref="OAuthProviderOptions.ProfileMapping"/>. The id is required; numeric ids are kept
    /// as their digits. Fields are member names or dotted paths (<c>athlete.id</c>).
    /// </summary>
    /// <param name="profile">The profile JSON object.</param>
    /// <returns>The account, with <see cref="ExternalAccount.RawProfile"/> holding a copy of the profile.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.InvalidResponse"/> when the profile has no id.</exception>
    protected virtual ExternalAccount MapProfile(JsonElement profile)
    {
        var mapping = Options.ProfileMapping;
        var id = JsonFields.GetText(profile, mapping.Id)
            ?? throw Invalid($"the profile has no '{mapping.Id}' to identify the account", null);
        return new ExternalAccount(id)
        {
            Username = JsonFields.GetText(profile, mapping.Username),
            Email = JsonFields.GetText(profile, mapping.Email),
            Name = JsonFields.GetText(profile, mapping.Name),
            AvatarUrl = JsonFields.GetText(profile, mapping.AvatarUrl),
            RawProfile = profile.Clone(),
        };
    }

    /// <summary>
    /// Posts a token request with client authentication and reads the tokens. Never retried: a
    /// refresh token that the provider rotated must not be sent twice.
    /// </summary>
    /// <param name="kind"><see cref="OAuthRequestKind.CodeExchange"/> or <see cref="OAuthRequestKind.Refresh"/>.</param>
    /// <param name="parameters">The grant's form parameters; client authentication is added.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tokens.</returns>
    protected async Task<TokenSet> RequestTokensAsync(OAuthRequestKind kind, IDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var endpoints = await GetEndpointsAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.TokenEndpoint);
        AddClientAuthentication(request, parameters);
        request.Content = new FormUrlEncodedContent(parameters);
        var response = await SendBackchannelAsync(request, kind, cancellationToken).ConfigureAwait(false);
        var tokens = ParseTokenResponse(response);
        OAuth2ProviderLog.TokensReceived(Logger, Name, kind, tokens.RefreshToken is not null, tokens.ExpiresAt);
        return tokens;
    }

    /// <summary>
    /// Sends a request through the backchannel client and reads the response within
    /// <see cref="OAuthProviderOptions.MaxResponseBytes"/>. Failures become typed errors: network
    /// failures and timeouts <see cref="IntegrationErrorCode.ConnectionError"/> (transient), an
    /// oversized body <see cref="IntegrationErrorCode.InvalidResponse"/>, an error status whatever
    /// <see cref="MapErrorResponse"/> returns.
    /// </summary>
    /// <param name="request">The request; an <c>Accept: application/json</c> header is added when it has none.</param>
    /// <param name="kind">Which endpoint this is.</param>
    /// <param name="cancellationToken">Cancels the request; cancellation is rethrown as is.</param>
    /// <returns>The successful response.</returns>
    protected async Task<OAuthEndpointResponse> SendBackchannelAsync(HttpRequestMessage request, OAuthRequestKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        var client = _httpClientFactory.CreateClient(_clientName);
        try
        {
            using var message = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await BoundedContent.ReadAsync(message.Content, Options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                throw new IntegrationException(IntegrationErrorCode.InvalidResponse,
                    $"{Name}: the {Describe(kind)} answered HTTP {(int)message.StatusCode} with a body larger than {Options.MaxResponseBytes} bytes.")
                { Provider = Name, StatusCode = (int)message.StatusCode };
            }

            var response = new OAuthEndpointResponse(Name, kind, message.StatusCode, message.Headers, ParseJson(body), body.Length > 0, message.Headers.GetRetryAfter(TimeProvider));
            if (!response.IsSuccessStatusCode || (kind is OAuthRequestKind.CodeExchange or OAuthRequestKind.Refresh or OAuthRequestKind.Revocation && response.Error is not null && response.Json is not null))
            {
                var error = MapErrorResponse(response);
                OAuth2ProviderLog.RequestFailed(Logger, Name, kind, (int)response.StatusCode, response.Error, error.Code);
                throw error;
            }

            return response;
        }
        catch (HttpRequestException ex)
        {
            OAuth2ProviderLog.NetworkFailure(Logger, ex, Name, kind);
            throw new IntegrationException(IntegrationErrorCode.ConnectionError, $"{Name}: the {Describe(kind)} could not reach the provider.", ex)
            { Provider = Name, IsTransient = true };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            OAuth2ProviderLog.NetworkFailure(Logger, ex, Name, kind);
            throw new IntegrationException(IntegrationErrorCode.ConnectionError, $"{Name}: the {Describe(kind)} timed out.", ex)
            { Provider = Name, IsTransient = true };
        }
        catch (IOException ex)
        {
            OAuth2ProviderLog.NetworkFailure(Logger, ex, Name, kind);
            throw new IntegrationException(IntegrationErrorCode.ConnectionError, $"{Name}: the connection broke while reading the {Describe(kind)} response.", ex)
            { Provider = Name, IsTransient = true };
        }
    }

    private static JsonElement? ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private protected JsonElement RequireJsonObject(OAuthEndpointResponse response, string what) =>
        response.Json is { ValueKind: JsonValueKind.Object } json
            ? json
            : throw Invalid($"{what} is not a JSON object{(response.HasBody ? "" : " (empty body)")}", response);

    private TimeSpan ReadLifetime(JsonElement value, string member, OAuthEndpointResponse response)
    {
        if (!JsonFields.TryGetSeconds(value, out var seconds) || seconds < 0)
        {
            throw Invalid($"the token response's {member} is not a number of seconds", response);
        }

        // A lifetime beyond a century is nonsense; cap it instead of overflowing DateTimeOffset.
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(36500).TotalSeconds));
    }

    private protected IntegrationException Invalid(string reason, OAuthEndpointResponse? response) =>
        new(IntegrationErrorCode.InvalidResponse,
            $"{Name}: {reason}{(response is null ? "" : $" (HTTP {(int)response.StatusCode})")}.")
        { Provider = Name, StatusCode = response is null ? null : (int)response.StatusCode };

    private static string Describe(OAuthRequestKind kind) => kind switch
    {
        OAuthRequestKind.CodeExchange => "code exchange",
        OAuthRequestKind.Refresh => "token refresh",
        OAuthRequestKind.Revocation => "revocation request",
        OAuthRequestKind.UserInfo => "userinfo request",
        _ => "metadata request",
    };
}
