namespace Integrations.Testing;

/// <summary>
/// Settings of a <see cref="SandboxAuthorizationServer"/>. Every default works out of the box; tests
/// usually shorten <see cref="AccessTokenLifetime"/>. Bindable from configuration. The server copies
/// the values when it is created: later changes to this object do not affect it.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// Where the sandbox pretends to live. Requests to any other scheme, host or port fail like an
    /// unreachable host. Default <see cref="SandboxDefaults.BaseUri"/>.
    /// </summary>
    public Uri BaseUri { get; set; } = SandboxDefaults.BaseUri;

    /// <summary>The only client id the sandbox knows. Default <see cref="SandboxDefaults.ClientId"/>.</summary>
    public string ClientId { get; set; } = SandboxDefaults.ClientId;

    /// <summary>The client's secret. Default <see cref="SandboxDefaults.ClientSecret"/>; ignored for public clients.</summary>
    public string? ClientSecret { get; set; } = SandboxDefaults.ClientSecret;

    /// <summary>
    /// How the client must authenticate at the token and revocation endpoints. Like a real server
    /// with a registered client, the sandbox refuses the other methods (<c>invalid_client</c>).
    /// Default <see cref="ClientAuthenticationMethod.Basic"/>.
    /// </summary>
    public ClientAuthenticationMethod ClientAuthentication { get; set; } = ClientAuthenticationMethod.Basic;

    /// <summary>
    /// The registered redirect URIs, matched exactly (scheme, host, port, path and query). Empty
    /// (the default) accepts any absolute http or https URI without a fragment.
    /// </summary>
    public IList<Uri> RedirectUris { get; } = [];

    /// <summary>The account that signs in when the authorization request names no other. Default <c>sandbox-user-1</c>.</summary>
    public SandboxAccount Account { get; set; } = new();

    /// <summary>
    /// More accounts that can sign in: the authorization request's <c>login_hint</c> (id, user name
    /// or e-mail) picks one, or <see cref="SandboxAuthorizationServer.AuthorizeAsync(Uri, string, CancellationToken)"/> names it.
    /// </summary>
    public IList<SandboxAccount> AdditionalAccounts { get; } = [];

    /// <summary>Scopes the sandbox knows besides <see cref="SandboxDefaults.Scopes"/>; any other requested scope gives <c>invalid_scope</c>.</summary>
    public IList<string> AdditionalScopes { get; } = [];

    /// <summary>How long an access token is valid (<c>expires_in</c>). Default 1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token is valid after it is issued; <see langword="null"/> for no limit. Default 14 days.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long an authorization code can be exchanged. Default 1 minute.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether token responses carry a refresh token. Default <see langword="true"/>.</summary>
    public bool IssueRefreshTokens { get; set; } = true;

    /// <summary>
    /// Whether every refresh consumes the refresh token and returns a new one (default
    /// <see langword="true"/>). Presenting a consumed refresh token again gives <c>invalid_grant</c>
    /// and revokes the whole grant (replay detection). When <see langword="false"/>, refresh responses
    /// carry no <c>refresh_token</c> and the first one stays valid, as at Google.
    /// </summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>The demo API's messages. Empty (the default) serves three built-in messages.</summary>
    public IList<SandboxMessage> Messages { get; } = [];
}
