using Microsoft.Extensions.Options;

namespace Integrations.Testing.Internal;

/// <summary>Checks <see cref="SandboxOptions"/> when a server is created and, in a host, at start-up.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.BaseUri is not { IsAbsoluteUri: true } baseUri || baseUri.Scheme is not ("https" or "http")
            || baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
        {
            failures.Add("Sandbox: BaseUri must be an absolute http or https URI without query or fragment.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Sandbox: ClientId is required.");
        }

        if (options.ClientAuthentication != ClientAuthenticationMethod.None && string.IsNullOrEmpty(options.ClientSecret))
        {
            failures.Add("Sandbox: ClientSecret is required unless ClientAuthentication is None.");
        }

        if (!Enum.IsDefined(options.ClientAuthentication))
        {
            failures.Add("Sandbox: ClientAuthentication is not a known method.");
        }

        if (options.RedirectUris.Any(u => u is not { IsAbsoluteUri: true } || u.Fragment.Length > 0))
        {
            failures.Add("Sandbox: every RedirectUris entry must be absolute and without a fragment.");
        }

        var accounts = new[] { options.Account }.Concat(options.AdditionalAccounts).ToList();
        if (accounts.Any(a => a is null || string.IsNullOrWhiteSpace(a.Id)))
        {
            failures.Add("Sandbox: every account needs an Id.");
        }
        else if (accounts.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count() != accounts.Count)
        {
            failures.Add("Sandbox: account ids must be unique.");
        }

        if (options.AdditionalScopes.Any(s => string.IsNullOrEmpty(s) || s.Any(char.IsWhiteSpace)))
        {
            failures.Add("Sandbox: AdditionalScopes entries must be non-empty and contain no whitespace.");
        }

        if (options.AccessTokenLifetime < TimeSpan.FromSeconds(1))
        {
            failures.Add("Sandbox: AccessTokenLifetime must be at least one second.");
        }

        if (options.RefreshTokenLifetime is { } refresh && refresh < TimeSpan.FromSeconds(1))
        {
            failures.Add("Sandbox: RefreshTokenLifetime must be at least one second, or null for no limit.");
        }

        if (options.AuthorizationCodeLifetime < TimeSpan.FromSeconds(1))
        {
            failures.Add("Sandbox: AuthorizationCodeLifetime must be at least one second.");
        }

        return failures;
    }
}
