namespace Integrations.Testing;

/// <summary>The endpoints of the sandbox, for request counters and failure injection.</summary>
public enum SandboxEndpoint
{
    /// <summary>The authorization endpoint (<see cref="SandboxDefaults.AuthorizationPath"/>).</summary>
    Authorization = 0,

    /// <summary>The token endpoint (<see cref="SandboxDefaults.TokenPath"/>).</summary>
    Token = 1,

    /// <summary>The revocation endpoint (<see cref="SandboxDefaults.RevocationPath"/>).</summary>
    Revocation = 2,

    /// <summary>The userinfo endpoint (<see cref="SandboxDefaults.UserInfoPath"/>).</summary>
    UserInfo = 3,

    /// <summary>The demo API (<see cref="SandboxDefaults.MessagesPath"/>).</summary>
    Api = 4,

    /// <summary>The metadata document (<see cref="SandboxDefaults.MetadataPath"/>).</summary>
    Metadata = 5,
}
