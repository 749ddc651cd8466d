using System.Collections.Frozen;

namespace Integrations.Testing.Internal;

/// <summary>The server's own copy of <see cref="SandboxOptions"/>, with every endpoint resolved.</summary>
internal sealed class SandboxSettings
{
    private static readonly SandboxMessage[] BuiltInMessages =
    [
        new() { Id = "msg-1", From = "welcome@example.test", Subject = "Welcome to the sandbox", ReceivedAt = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero) },
        new() { Id = "msg-2", From = "billing@example.test", Subject = "Your invoice is ready", ReceivedAt = new(2026, 1, 2, 10, 30, 0, TimeSpan.Zero) },
        new() { Id = "msg-3", From = "team@example.test", Subject = "Weekly summary", ReceivedAt = new(2026, 1, 5, 8, 15, 0, TimeSpan.Zero) },
    ];

    public SandboxSettings(SandboxOptions options)
    {
        var failures = SandboxOptionsValidator.Check(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid sandbox options: " + string.Join(" ", failures), nameof(options));
        }

        BaseUri = options.BaseUri.AbsolutePath.EndsWith('/') ? options.BaseUri : new Uri(options.BaseUri.AbsoluteUri + "/");
        Issuer = BaseUri.AbsoluteUri.TrimEnd('/');
        ClientId = options.ClientId;
        ClientSecret = options.ClientSecret ?? "";
        ClientAuthentication = options.ClientAuthentication;
        RedirectUris = options.RedirectUris.Select(u => u.AbsoluteUri).ToFrozenSet(StringComparer.Ordinal);
        DefaultAccount = options.Account;
        Accounts = new[] { options.Account }.Concat(options.AdditionalAccounts).ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        Scopes = SandboxDefaults.Scopes.Concat(options.AdditionalScopes).ToFrozenSet(StringComparer.Ordinal);
        AccessTokenLifetime = options.AccessTokenLifetime;
        RefreshTokenLifetime = options.RefreshTokenLifetime;
        AuthorizationCodeLifetime = options.AuthorizationCodeLifetime;
        IssueRefreshTokens = options.IssueRefreshTokens;
        RotateRefreshTokens = options.RotateRefreshTokens;
        Messages = options.Messages.Count > 0 ? [.. options.Messages] : BuiltInMessages;
    }

    public Uri BaseUri { get; }

    public string Issuer { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public ClientAuthenticationMethod ClientAuthentication { get; }

    public FrozenSet<string> RedirectUris { get; }

    public SandboxAccount DefaultAccount { get; }

    public FrozenDictionary<string, SandboxAccount> Accounts { get; }

    public FrozenSet<string> Scopes { get; }

    public TimeSpan AccessTokenLifetime { get; }

    public TimeSpan? RefreshTokenLifetime { get; }

    public TimeSpan AuthorizationCodeLifetime { get; }

    public bool IssueRefreshTokens { get; }

    public bool RotateRefreshTokens { get; }

    public IReadOnlyList<SandboxMessage> Messages { get; }

    public Uri Endpoint(string path) => new(BaseUri, path);

    /// <summary>Finds the account a <c>login_hint</c> names: by id, user name or e-mail.</summary>
    public SandboxAccount? FindAccount(string hint) =>
        Accounts.GetValueOrDefault(hint)
        ?? Accounts.Values.FirstOrDefault(a =>
            string.Equals(a.Username, hint, StringComparison.OrdinalIgnoreCase) || string.Equals(a.Email, hint, StringComparison.OrdinalIgnoreCase));

    public static string ClientAuthenticationName(ClientAuthenticationMethod method) => method switch
    {
        ClientAuthenticationMethod.Basic => "client_secret_basic",
        ClientAuthenticationMethod.Post => "client_secret_post",
        _ => "none",
    };
}
