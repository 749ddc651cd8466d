namespace Integrations;

/// <summary>Which fields of a userinfo response fill <see cref="ExternalAccount"/>.</summary>
public sealed class ProfileMapping
{
    /// <summary>The account id field. Default <c>sub</c>.</summary>
    public string Id { get; set; } = "sub";

    /// <summary>The user name field. Default <c>preferred_username</c>.</summary>
    public string? Username { get; set; } = "preferred_username";

    /// <summary>The e-mail field. Default <c>email</c>.</summary>
    public string? Email { get; set; } = "email";

    /// <summary>The display name field. Default <c>name</c>.</summary>
    public string? Name { get; set; } = "name";

    /// <summary>The picture URL field. Default <c>picture</c>.</summary>
    public string? AvatarUrl { get; set; } = "picture";
}
