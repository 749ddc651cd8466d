namespace Integrations;

/// <summary>
/// Configuration of an OAuth 2.0 provider, bound per provider name (named options). Bindable from
/// configuration, for example <c>Integrations:Providers:{name}</c>.
/// </summary>
public class OAuthProviderOptions
{
    /// <summary>The application's client id at the provider. Required.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The application's client secret; empty for public clients.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How the client authenticates at the token endpoint. Default <see cref="ClientAuthenticationMethod.Basic"/>.</summary>
    public ClientAuthenticationMethod ClientAuthentication { get; set; } = ClientAuthenticationMethod.Basic;

    /// <summary>The authorization endpoint.</summary>
    public Uri? AuthorizationEndpoint { get; set; }

    /// <summary>The token endpoint.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The revocation endpoint (RFC 7009), when the provider has one.</summary>
    public Uri? RevocationEndpoint { get; set; }

    /// <summary>The userinfo endpoint that <see cref="IOAuthProvider.GetAccountAsync"/> calls.</summary>
    public Uri? UserInfoEndpoint { get; set; }

    /// <summary>Scopes requested when a connect request names none.</summary>
    public IList<string> DefaultScopes { get; } = [];

    /// <summary>The character between scopes in the <c>scope</c> parameter. Default a space.</summary>
    public string ScopeSeparator { get; set; } = " ";

    /// <summary>Query parameters added to every authorization URL (for example <c>access_type=offline</c>).</summary>
    public IDictionary<string, string> AdditionalAuthorizationParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Which userinfo fields fill the external account.</summary>
    public ProfileMapping ProfileMapping { get; set; } = new();

    /// <summary>When tokens are refreshed.</summary>
    public TokenRefreshOptions TokenRefresh { get; set; } = new();

    /// <summary>The largest response body read from the provider's OAuth endpoints. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}
