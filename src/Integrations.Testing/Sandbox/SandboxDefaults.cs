namespace Integrations.Testing;

/// <summary>
/// Names, paths and credentials of the sandbox OAuth 2.0 server with its default settings. The
/// endpoints of a particular server (whose <see cref="SandboxOptions.BaseUri"/> may differ) are on
/// <see cref="SandboxAuthorizationServer"/>.
/// </summary>
public static class SandboxDefaults
{
    /// <summary>The provider name the sandbox is usually registered under: <c>sandbox</c>.</summary>
    public const string Name = "sandbox";

    /// <summary>The client id the sandbox knows by default.</summary>
    public const string ClientId = "sandbox-client";

    /// <summary>The client secret the sandbox expects by default. Not a secret: it is published here.</summary>
    public const string ClientSecret = "sandbox-client-secret";

    /// <summary>The scope the demo API (<see cref="MessagesPath"/>) requires.</summary>
    public const string MessagesReadScope = "messages.read";

    /// <summary>The authorization endpoint, relative to the base URI.</summary>
    public const string AuthorizationPath = "oauth2/authorize";

    /// <summary>The token endpoint, relative to the base URI.</summary>
    public const string TokenPath = "oauth2/token";

    /// <summary>The revocation endpoint (RFC 7009), relative to the base URI.</summary>
    public const string RevocationPath = "oauth2/revoke";

    /// <summary>The OpenID Connect userinfo endpoint, relative to the base URI.</summary>
    public const string UserInfoPath = "oauth2/userinfo";

    /// <summary>The authorization server metadata document (RFC 8414), relative to the base URI.</summary>
    public const string MetadataPath = ".well-known/oauth-authorization-server";

    /// <summary>The demo API that lists the signed-in account's messages, relative to the base URI.</summary>
    public const string MessagesPath = "api/v1/me/messages";

    /// <summary>
    /// The default base URI. The <c>.invalid</c> top-level domain never resolves (RFC 2606), so a
    /// request that misses the sandbox handler fails at once instead of reaching a real host.
    /// </summary>
    public static Uri BaseUri { get; } = new("https://sandbox.integrations.invalid/");

    /// <summary>The scopes every sandbox knows: <c>openid</c>, <c>profile</c>, <c>email</c>, <c>offline_access</c> and <see cref="MessagesReadScope"/>.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["openid", "profile", "email", "offline_access", MessagesReadScope];
}
