namespace Integrations.Testing;

/// <summary>How <see cref="SandboxSyncBuilderExtensions.AddSandboxSync"/> registers the sandbox resource.</summary>
public sealed class SandboxSyncOptions
{
    /// <summary>The provider name the source and target are registered for. Default <c>sandbox</c>.</summary>
    public string Provider { get; set; } = "sandbox";

    /// <summary>The resource name. Default <c>items</c>.</summary>
    public string Resource { get; set; } = "items";

    /// <summary>
    /// Whether requests carry the integration's access token from <see cref="IAccessTokenProvider"/>
    /// (which must then be registered) rather than a fixed sandbox token. Default <see langword="false"/>.
    /// </summary>
    public bool UseAccessTokenProvider { get; set; }
}
