using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>
/// Validates the options of one registered provider at start-up, so a misconfiguration fails the
/// host's start instead of the first user's connect.
/// </summary>
internal sealed class OAuthProviderOptionsValidator<TOptions>(string providerName) : IValidateOptions<TOptions>
    where TOptions : OAuthProviderOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (!string.Equals(name, providerName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> failures = [];
        void Fail(string message) => failures.Add($"Integrations: provider '{providerName}': {message}");

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            Fail("ClientId is required.");
        }

        if (!Enum.IsDefined(options.ClientAuthentication))
        {
            Fail($"ClientAuthentication {options.ClientAuthentication} is not a known method.");
        }
        else if (options.ClientAuthentication != ClientAuthenticationMethod.None && string.IsNullOrEmpty(options.ClientSecret))
        {
            Fail($"ClientSecret is required for ClientAuthentication {options.ClientAuthentication} (use None for a public client).");
        }

        var requireHttps = true;
        if (options is OpenIdConnectProviderOptions oidc)
        {
            requireHttps = oidc.RequireHttpsMetadata;
            ValidateOpenIdConnect(oidc, Fail);
        }
        else
        {
            if (options.AuthorizationEndpoint is null)
            {
                Fail("AuthorizationEndpoint is required.");
            }

            if (options.TokenEndpoint is null)
            {
                Fail("TokenEndpoint is required.");
            }
        }

        ValidateEndpoint(nameof(options.AuthorizationEndpoint), options.AuthorizationEndpoint, requireHttps, Fail);
        ValidateEndpoint(nameof(options.TokenEndpoint), options.TokenEndpoint, requireHttps, Fail);
        ValidateEndpoint(nameof(options.UserInfoEndpoint), options.UserInfoEndpoint, requireHttps, Fail);
        ValidateEndpoint(nameof(options.RevocationEndpoint), options.RevocationEndpoint, requireHttps, Fail);

        if (string.IsNullOrEmpty(options.ScopeSeparator))
        {
            Fail("ScopeSeparator must not be empty.");
        }
        else if (options.DefaultScopes.FirstOrDefault(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal) || s.Contains(options.ScopeSeparator, StringComparison.Ordinal)) is { } badScope)
        {
            Fail($"DefaultScopes entry '{badScope}' is empty or contains a space or the scope separator.");
        }

        foreach (var parameter in options.AdditionalAuthorizationParameters.Keys.Where(AuthorizationParameterNames.IsReserved))
        {
            Fail($"AdditionalAuthorizationParameters must not set '{parameter}'; the SDK sets {AuthorizationParameterNames.List} itself.");
        }

        if (options.ProfileMapping is null || string.IsNullOrWhiteSpace(options.ProfileMapping.Id))
        {
            Fail("ProfileMapping.Id is required: it names the field holding the account id.");
        }

        if (options.TokenRefresh is not { } refresh)
        {
            Fail("TokenRefresh is required.");
        }
        else
        {
            if (refresh.RefreshBeforeExpiry < TimeSpan.Zero || refresh.MustRefreshBeforeExpiry < TimeSpan.Zero)
            {
                Fail("TokenRefresh.RefreshBeforeExpiry and MustRefreshBeforeExpiry must not be negative.");
            }

            if (refresh.MustRefreshBeforeExpiry > refresh.RefreshBeforeExpiry)
            {
                Fail("TokenRefresh.MustRefreshBeforeExpiry must not exceed RefreshBeforeExpiry.");
            }

            if (refresh.RefreshTimeout <= TimeSpan.Zero)
            {
                Fail("TokenRefresh.RefreshTimeout must be positive.");
            }
        }

        if (options.MaxResponseBytes < 1024)
        {
            Fail("MaxResponseBytes must be at least 1024.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateOpenIdConnect(OpenIdConnectProviderOptions options, Action<string> fail)
    {
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            fail("Authority is required (the issuer URL, for example https://accounts.google.com).");
        }
        else if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority))
        {
            fail($"Authority '{options.Authority}' is not an absolute URL.");
        }
        else
        {
            ValidateEndpoint(nameof(options.Authority), authority, options.RequireHttpsMetadata, fail);
            if (!string.IsNullOrEmpty(authority.Query))
            {
                fail("Authority must not have a query.");
            }
        }

        if (options.DiscoveryRefreshInterval <= TimeSpan.Zero)
        {
            fail("DiscoveryRefreshInterval must be positive.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            fail("ClockSkew must be between zero and one hour.");
        }
    }

    private static void ValidateEndpoint(string name, Uri? endpoint, bool requireHttps, Action<string> fail)
    {
        if (endpoint is null)
        {
            return;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            fail($"{name} must be an absolute http(s) URL.");
        }
        else if (requireHttps && endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback)
        {
            fail($"{name} must use https (http is allowed only for loopback hosts).");
        }
        else if (!string.IsNullOrEmpty(endpoint.Fragment))
        {
            fail($"{name} must not have a fragment.");
        }
    }
}
