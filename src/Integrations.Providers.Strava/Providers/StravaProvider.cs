using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Strava's OAuth quirks on top of the standard provider: comma-separated scopes and
/// <c>approval_prompt</c>; no PKCE unless asked for; the code exchange answers with <c>expires_at</c>
/// (epoch seconds) and the athlete, which becomes the external account; refresh tokens rotate (the
/// Core token provider stores the new one before the access token is used; an unchanged access
/// token is normal); errors come as Fault bodies; disconnecting calls <c>/oauth/deauthorize</c>.
/// </summary>
internal sealed class StravaProvider(string name, StravaOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<StravaProvider> logger)
    : OAuth2Provider(name, options, httpClientFactory, timeProvider, logger)
{
    // A deauthorization needs a live access token; one this close to expiry is refreshed first.
    private static readonly TimeSpan DeauthorizationMargin = TimeSpan.FromMinutes(1);

    public override async Task<TokenSet> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
        };
        if (options.UsePkce)
        {
            parameters["code_verifier"] = context.CodeVerifier;
        }

        return await RequestTokensAsync(OAuthRequestKind.CodeExchange, parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The athlete of the code exchange response; without one, <c>GET /api/v3/athlete</c> with the new token.</summary>
    public override Task<ExternalAccount> GetAccountAsync(TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.AdditionalData.TryGetValue("athlete", out var athlete) && athlete.ValueKind == JsonValueKind.Object
            ? Task.FromResult(MapProfile(athlete))
            : base.GetAccountAsync(tokens, cancellationToken);
    }

    /// <summary>
    /// <c>POST /oauth/deauthorize</c> with the access token, which ends every token of the application
    /// for the athlete. An access token that has expired is refreshed first (it would be refused);
    /// an access or refresh token Strava no longer knows means the grant is already gone: success.
    /// </summary>
    public override async Task RevokeAsync(TokenSet tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var accessToken = tokens.AccessToken;
        if (tokens.ExpiresAt is { } expiresAt && expiresAt - DeauthorizationMargin <= TimeProvider.GetUtcNow() && tokens.RefreshToken is { } refreshToken)
        {
            try
            {
                // Not stored: the integration is being disconnected.
                accessToken = (await RequestTokensAsync(OAuthRequestKind.Refresh, new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                }, cancellationToken).ConfigureAwait(false)).AccessToken;
            }
            catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ReauthorizationRequired)
            {
                StravaLog.AlreadyDeauthorized(Logger, Name);
                return;
            }
        }

        var endpoints = await GetEndpointsAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.RevocationEndpoint ?? StravaDefaults.DeauthorizationEndpoint)
        {
            Content = new FormUrlEncodedContent([new("access_token", accessToken)]),
        };
        try
        {
            await SendBackchannelAsync(request, OAuthRequestKind.Revocation, cancellationToken).ConfigureAwait(false);
        }
        catch (IntegrationException ex) when (ex.StatusCode == (int)HttpStatusCode.Unauthorized)
        {
            StravaLog.AlreadyDeauthorized(Logger, Name);
        }
    }

    /// <summary>Comma-separated scopes (the base joins them with <see cref="OAuthProviderOptions.ScopeSeparator"/>), <c>approval_prompt</c>, PKCE only when enabled.</summary>
    protected override void BuildAuthorizationParameters(AuthorizationUrlContext context, IDictionary<string, string> parameters)
    {
        base.BuildAuthorizationParameters(context, parameters);
        if (!options.UsePkce)
        {
            parameters.Remove("code_challenge");
            parameters.Remove("code_challenge_method");
        }

        // Strava has no login hint; a request's own approval_prompt (for a reconnect) wins over the option.
        parameters.Remove("login_hint");
        parameters.TryAdd("approval_prompt", options.ApprovalPrompt == StravaApprovalPrompt.Force ? "force" : "auto");
    }

    /// <summary>
    /// The standard fields, then <c>expires_at</c> (epoch seconds) in preference to <c>expires_in</c>.
    /// When both are sent the earlier is kept: <c>expires_at</c> read by a clock that is behind
    /// Strava's would otherwise hand out a token Strava already considers expired.
    /// </summary>
    protected override TokenSet ParseTokenResponse(OAuthEndpointResponse response)
    {
        var tokens = base.ParseTokenResponse(response);
        if (!tokens.AdditionalData.TryGetValue("expires_at", out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return tokens;
        }

        if (!TryReadEpochSeconds(member, out var expiresAt))
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidResponse, $"{Name}: the token response's expires_at is not a time in epoch seconds (HTTP {(int)response.StatusCode}).")
            {
                Provider = Name,
                StatusCode = (int)response.StatusCode,
            };
        }

        return tokens with { ExpiresAt = tokens.ExpiresAt is { } fromLifetime && fromLifetime < expiresAt ? fromLifetime : expiresAt };
    }

    /// <summary>The athlete: 64-bit <c>id</c> as its digits, <c>username</c>, first and last name, the <c>profile</c> picture when it is a URL.</summary>
    protected override ExternalAccount MapProfile(JsonElement profile)
    {
        string? id = null;
        if (profile.ValueKind == JsonValueKind.Object && profile.TryGetProperty("id", out var idValue))
        {
            id = idValue.ValueKind switch
            {
                JsonValueKind.Number when idValue.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                JsonValueKind.String when long.TryParse(idValue.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        if (id is null)
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidResponse, $"{Name}: the athlete has no readable 64-bit id.") { Provider = Name };
        }

        var name = string.Join(' ', new[] { Text(profile, "firstname"), Text(profile, "lastname") }.Where(part => part is not null));
        return new ExternalAccount(id)
        {
            Username = Text(profile, "username"),
            Name = name.Length == 0 ? null : name,
            AvatarUrl = Url(profile, "profile") ?? Url(profile, "profile_medium"),
            RawProfile = profile.Clone(),
        };
    }

    /// <summary>
    /// Strava's errors are Fault bodies, not OAuth error codes: a refused refresh token is
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/>; a refused application
    /// <see cref="IntegrationErrorCode.InvalidCredentials"/>; a refused code (or any other fault)
    /// <see cref="IntegrationErrorCode.OAuthError"/>; a missing scope <see cref="IntegrationErrorCode.PermissionDenied"/>;
    /// 429 <see cref="IntegrationErrorCode.RateLimitExceeded"/> resuming at <c>Retry-After</c>, midnight UTC
    /// when the daily limit is used up, else the next quarter hour. Bodies that are no fault (HTML,
    /// broken JSON) and 5xx go to the standard mapping.
    /// </summary>
    protected override IntegrationException MapErrorResponse(OAuthEndpointResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var fault = StravaFault.TryRead(response.Json);
        if (status == (int)HttpStatusCode.TooManyRequests)
        {
            var now = TimeProvider.GetUtcNow();
            var resumeAt = StravaRateLimitBudget.ResumeAfterRateLimit(response.Headers, now, response.RetryAfter);
            return StravaRateLimitBudget.RateLimited(Name, resumeAt - now, integrationId: null, status, $"{Name}: the {Describe(response.Kind)} was refused with 429 Too Many Requests; Strava allows requests again at {resumeAt:u}.");
        }

        if (fault is null || status >= 500 || status == (int)HttpStatusCode.RequestTimeout)
        {
            return base.MapErrorResponse(response);
        }

        var code = response.Kind switch
        {
            OAuthRequestKind.Refresh when fault.Has(resource: "RefreshToken") || fault.Has(field: "refresh_token") => IntegrationErrorCode.ReauthorizationRequired,
            _ when fault.Has(resource: "Application") || fault.Has(field: "client_id") || fault.Has(field: "client_secret") => IntegrationErrorCode.InvalidCredentials,
            _ when fault.IsMissingPermission => IntegrationErrorCode.PermissionDenied,
            _ => IntegrationErrorCode.OAuthError,
        };
        return new IntegrationException(code, $"{Name}: the {Describe(response.Kind)} failed with HTTP {status} ({fault.Describe()}).")
        {
            Provider = Name,
            ProviderError = fault.ProviderError,
            StatusCode = status,
        };
    }

    private static bool TryReadEpochSeconds(JsonElement value, out DateTimeOffset time)
    {
        time = default;
        var seconds = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => -1,
        };
        if (seconds is < 0 or > 253402300799)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static string? Text(JsonElement profile, string name) =>
        profile.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : null;

    // Athletes without a picture get a relative placeholder ("avatar/athlete/large.png"): not an avatar.
    private static string? Url(JsonElement profile, string name) =>
        Text(profile, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? text
            : null;

    private static string Describe(OAuthRequestKind kind) => kind switch
    {
        OAuthRequestKind.CodeExchange => "code exchange",
        OAuthRequestKind.Refresh => "token refresh",
        OAuthRequestKind.Revocation => "deauthorization",
        OAuthRequestKind.UserInfo => "athlete request",
        _ => "request",
    };
}
