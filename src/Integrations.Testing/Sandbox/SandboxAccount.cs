namespace Integrations.Testing;

/// <summary>
/// An account at the sandbox provider: what its userinfo endpoint returns (OpenID Connect claims
/// <c>sub</c>, <c>preferred_username</c>, <c>name</c>, <c>email</c>, <c>picture</c>).
/// </summary>
public sealed record SandboxAccount
{
    /// <summary>The stable account id (<c>sub</c>). Default <c>sandbox-user-1</c>.</summary>
    public string Id { get; init; } = "sandbox-user-1";

    /// <summary>The user name (<c>preferred_username</c>). Default <c>sandbox.user</c>.</summary>
    public string Username { get; init; } = "sandbox.user";

    /// <summary>The display name (<c>name</c>). Default <c>Sandbox User</c>.</summary>
    public string Name { get; init; } = "Sandbox User";

    /// <summary>The e-mail address (<c>email</c>). Default <c>sandbox.user@example.test</c>.</summary>
    public string Email { get; init; } = "sandbox.user@example.test";

    /// <summary>The picture URL (<c>picture</c>); <see langword="null"/> leaves the claim out.</summary>
    public Uri? Picture { get; init; } = new("https://sandbox.integrations.invalid/avatars/sandbox-user-1.png");
}
