using System.Diagnostics.CodeAnalysis;
using Integrations.Testing.Internal;

namespace Integrations.Testing;

/// <summary>
/// A strict OAuth 2.0 authorization server with a small demo API, running in-process behind an
/// <see cref="HttpMessageHandler"/>: no sockets, no network, no browser. The simulated user signs
/// in and consents automatically (<see cref="AuthorizeAsync(Uri, CancellationToken)"/>). It checks
/// what real servers check (PKCE S256, exact redirect URI, single-use codes, client
/// authentication, rotating refresh tokens with replay detection), answers with RFC 6749 error
/// bodies, reads every time from the injected <see cref="TimeProvider"/>, and can be told to fail
/// (<see cref="Failures"/>). For development and for a host application's own tests.
/// </summary>
/// <example>
/// <code>
/// var sandbox = new SandboxAuthorizationServer(new SandboxOptions { AccessTokenLifetime = TimeSpan.FromMinutes(5) }, timeProvider);
/// sandbox.ConfigureProvider(providerOptions);            // endpoints, client id and secret, scopes
/// var callback = await sandbox.AuthorizeAsync(start.AuthorizationUrl, ct);
/// await manager.CompleteConnectAsync(owner, ConnectCallback.FromUri(callback), ct);
/// </code>
/// </example>
public sealed partial class SandboxAuthorizationServer
{
    private readonly SandboxSettings _settings;
    private readonly TimeProvider _time;
    private readonly SandboxGrantStore _store;
    private readonly BearerAuthenticator _bearer;
    private readonly AuthorizationEndpoint _authorization;
    private readonly TokenEndpoint _token;
    private readonly RevocationEndpoint _revocation;
    private readonly ResourceEndpoints _resources;
    private volatile SandboxConsent _consent = SandboxConsent.Approve;

    /// <summary>Creates a sandbox server.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults. They are copied: later changes have no effect.</param>
    /// <param name="timeProvider">The clock for token lifetimes and slow responses; default <see cref="TimeProvider.System"/>. Tests pass a fake clock.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    public SandboxAuthorizationServer(SandboxOptions? options = null, TimeProvider? timeProvider = null)
    {
        _settings = new SandboxSettings(options ?? new SandboxOptions());
        _time = timeProvider ?? TimeProvider.System;
        _store = new SandboxGrantStore(_settings, _time);
        _bearer = new BearerAuthenticator(_settings, _store);
        _authorization = new AuthorizationEndpoint(_settings, _store, () => _consent);
        _token = new TokenEndpoint(_settings, _store);
        _revocation = new RevocationEndpoint(_settings, _store);
        _resources = new ResourceEndpoints(_settings, _bearer);
    }

    /// <summary>The base URI every endpoint lives under (always ending in <c>/</c>).</summary>
    public Uri BaseUri => _settings.BaseUri;

    /// <summary>The issuer identifier: the base URI without its trailing slash. Sent as <c>iss</c> on every authorization response (RFC 9207).</summary>
    public string Issuer => _settings.Issuer;

    /// <summary>The authorization endpoint.</summary>
    public Uri AuthorizationEndpoint => _settings.Endpoint(SandboxDefaults.AuthorizationPath);

    /// <summary>The token endpoint.</summary>
    public Uri TokenEndpoint => _settings.Endpoint(SandboxDefaults.TokenPath);

    /// <summary>The revocation endpoint (RFC 7009).</summary>
    public Uri RevocationEndpoint => _settings.Endpoint(SandboxDefaults.RevocationPath);

    /// <summary>The userinfo endpoint; needs a token with the <c>openid</c> scope.</summary>
    public Uri UserInfoEndpoint => _settings.Endpoint(SandboxDefaults.UserInfoPath);

    /// <summary>The demo API that lists the account's messages; needs a token with <see cref="SandboxDefaults.MessagesReadScope"/>.</summary>
    public Uri MessagesEndpoint => _settings.Endpoint(SandboxDefaults.MessagesPath);

    /// <summary>The metadata document (RFC 8414).</summary>
    public Uri MetadataEndpoint => _settings.Endpoint(SandboxDefaults.MetadataPath);

    /// <summary>The client id the server accepts.</summary>
    public string ClientId => _settings.ClientId;

    /// <summary>The client secret the server expects (empty for a public client).</summary>
    public string ClientSecret => _settings.ClientSecret;

    /// <summary>The account that signs in unless a request names another.</summary>
    public SandboxAccount Account => _settings.DefaultAccount;

    /// <summary>
    /// What the simulated user answers on the consent page, for every later authorization request.
    /// Default <see cref="SandboxConsent.Approve"/>.
    /// </summary>
    public SandboxConsent Consent
    {
        get => _consent;
        set => _consent = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Failures to answer with, queued per endpoint.</summary>
    public SandboxFailures Failures { get; } = new();

    /// <summary>How many requests reached each endpoint.</summary>
    public SandboxRequestCounters Requests { get; } = new();

    /// <summary>Grants that still have a usable access or refresh token (not revoked, not expired).</summary>
    public int ActiveGrantCount => _store.ActiveGrantCount;

    /// <summary>
    /// Creates a handler that sends requests to this server. Each call returns a new handler over the
    /// same server, so a handler disposed by <c>IHttpClientFactory</c> harms nothing. Requests to a
    /// host other than <see cref="BaseUri"/>'s fail with <see cref="HttpRequestException"/>.
    /// </summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => new SandboxHttpMessageHandler(this);

    /// <summary>Creates an <see cref="HttpClient"/> over <see cref="CreateHandler"/> with <see cref="BaseUri"/> as its base address.</summary>
    /// <returns>The client; the caller disposes it.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = BaseUri };

    /// <summary>
    /// Plays the user in the browser: opens the authorization URL, signs in as the default account
    /// (or the one the URL's <c>login_hint</c> names), answers the consent page as <see cref="Consent"/>
    /// says, and returns the URL the server redirects back to, with <c>code</c> or <c>error</c>,
    /// <c>state</c> and <c>iss</c>. Pass it to <c>ConnectCallback.FromUri</c>.
    /// </summary>
    /// <param name="authorizationUrl">The authorization URL (for example <c>ConnectStart.AuthorizationUrl</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The callback URL.</returns>
    /// <exception cref="ArgumentException">The URL is not this server's authorization endpoint.</exception>
    /// <exception cref="InvalidOperationException">The server showed an error page instead of redirecting (unknown client, unregistered redirect URI, an injected failure).</exception>
    public Task<Uri> AuthorizeAsync(Uri authorizationUrl, CancellationToken cancellationToken = default) =>
        AuthorizeCoreAsync(authorizationUrl, null, cancellationToken);

    /// <summary>Like <see cref="AuthorizeAsync(Uri, CancellationToken)"/>, signing in as a particular account.</summary>
    /// <param name="authorizationUrl">The authorization URL.</param>
    /// <param name="accountId">The id of <see cref="SandboxOptions.Account"/> or of one of <see cref="SandboxOptions.AdditionalAccounts"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The callback URL.</returns>
    /// <exception cref="ArgumentException">The URL is not this server's authorization endpoint, or the account is unknown.</exception>
    /// <exception cref="InvalidOperationException">The server showed an error page instead of redirecting.</exception>
    public Task<Uri> AuthorizeAsync(Uri authorizationUrl, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (!_settings.Accounts.ContainsKey(accountId))
        {
            throw new ArgumentException($"The sandbox has no account '{accountId}'. Add it to SandboxOptions.AdditionalAccounts.", nameof(accountId));
        }

        return AuthorizeCoreAsync(authorizationUrl, accountId, cancellationToken);
    }

    /// <summary>
    /// Checks an access token issued by this server: known, not expired, not revoked. For other
    /// sandbox resources that accept the sandbox's tokens.
    /// </summary>
    /// <param name="accessToken">The token.</param>
    /// <param name="account">The account the token belongs to, when it is valid.</param>
    /// <returns>Whether the token is valid now.</returns>
    public bool TryValidateAccessToken(string? accessToken, [NotNullWhen(true)] out SandboxAccount? account)
    {
        account = string.IsNullOrEmpty(accessToken) ? null : _store.FindLiveAccessToken(accessToken)?.Grant.Account;
        return account is not null;
    }

    /// <summary>
    /// Authenticates a request to a sandbox resource by its <c>Authorization: Bearer</c> header, as
    /// the demo API does: on failure, <paramref name="challenge"/> is the response to send
    /// (401 <c>invalid_token</c> or 403 <c>insufficient_scope</c> with a <c>WWW-Authenticate</c> header, RFC 6750).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="requiredScope">A scope the token must carry, or <see langword="null"/>.</param>
    /// <param name="account">The token's account, on success.</param>
    /// <param name="challenge">The error response, on failure; the caller returns (and so owns) it.</param>
    /// <returns>Whether the request is authenticated.</returns>
    public bool TryAuthenticate(
        HttpRequestMessage request,
        string? requiredScope,
        [NotNullWhen(true)] out SandboxAccount? account,
        [NotNullWhen(false)] out HttpResponseMessage? challenge)
    {
        ArgumentNullException.ThrowIfNull(request);
        account = _bearer.Authenticate(request, requiredScope, out challenge)?.Grant.Account;
        return account is not null;
    }

    /// <summary>
    /// Fills a provider's options so that the generic OAuth 2.0 provider talks to this server:
    /// endpoints, client id, secret and authentication method, and default scopes (every scope the
    /// sandbox knows, so the profile and the demo API work). Refresh timing is left alone.
    /// </summary>
    /// <param name="options">The provider options to fill.</param>
    public void ConfigureProvider(OAuthProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ClientId = _settings.ClientId;
        options.ClientSecret = _settings.ClientAuthentication == ClientAuthenticationMethod.None ? null : _settings.ClientSecret;
        options.ClientAuthentication = _settings.ClientAuthentication;
        options.AuthorizationEndpoint = AuthorizationEndpoint;
        options.TokenEndpoint = TokenEndpoint;
        options.RevocationEndpoint = RevocationEndpoint;
        options.UserInfoEndpoint = UserInfoEndpoint;
        options.ScopeSeparator = " ";
        options.DefaultScopes.Clear();
        foreach (var scope in SandboxDefaults.Scopes)
        {
            options.DefaultScopes.Add(scope);
        }

        options.ProfileMapping = new ProfileMapping();
    }

    /// <summary>
    /// Revokes every live grant, as when users remove the application at the provider: every token
    /// stops working and the next refresh gets <c>invalid_grant</c>.
    /// </summary>
    /// <returns>How many grants were revoked.</returns>
    public int RevokeAllGrants() => _store.RevokeAllGrants();

    /// <summary>
    /// Makes every live access token expire now, without moving any clock: the next API call gets
    /// 401 <c>invalid_token</c>, while refresh tokens keep working. For demos on the system clock.
    /// </summary>
    /// <returns>How many access tokens expired.</returns>
    public int ExpireAccessTokens() => _store.ExpireAccessTokens();
}
