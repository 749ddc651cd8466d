namespace Integrations;

/// <summary>How the application authenticates at the token endpoint.</summary>
public enum ClientAuthenticationMethod
{
    /// <summary>HTTP Basic with the form-urlencoded client id and secret (<c>client_secret_basic</c>).</summary>
    Basic = 0,

    /// <summary>Client id and secret in the form body (<c>client_secret_post</c>).</summary>
    Post = 1,

    /// <summary>A public client: only <c>client_id</c> in the body (<c>none</c>); PKCE protects the code.</summary>
    None = 2,
}
