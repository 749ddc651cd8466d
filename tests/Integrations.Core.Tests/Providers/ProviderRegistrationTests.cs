using System.Net;
using Integrations.Core.Tests.Providers.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Providers;

public sealed class ProviderRegistrationTests
{
    private static IReadOnlyList<string> StartupFailures(ProviderTestHost host)
    {
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (AggregateException ex)
        {
            return [.. ex.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }

    [Fact]
    public void A_complete_configuration_passes_start_up_validation()
    {
        using var host = ProviderTestHost.OAuth2();

        Assert.Empty(StartupFailures(host));
    }

    public static TheoryData<string, Action<OAuthProviderOptions>> Misconfigurations => new()
    {
        { "ClientId is required", o => o.ClientId = " " },
        { "ClientSecret is required", o => o.ClientSecret = null },
        { "TokenEndpoint is required", o => o.TokenEndpoint = null },
        { "AuthorizationEndpoint must be an absolute http(s) URL", o => o.AuthorizationEndpoint = new Uri("/authorize", UriKind.Relative) },
        { "TokenEndpoint must use https", o => o.TokenEndpoint = new Uri("http://auth.example.test/token") },
        { "RevocationEndpoint must be an absolute http(s) URL", o => o.RevocationEndpoint = new Uri("ftp://auth.example.test/revoke") },
        { "MustRefreshBeforeExpiry must not exceed RefreshBeforeExpiry", o => o.TokenRefresh = new TokenRefreshOptions { RefreshBeforeExpiry = TimeSpan.FromMinutes(1), MustRefreshBeforeExpiry = TimeSpan.FromMinutes(2) } },
        { "must not set 'state'", o => o.AdditionalAuthorizationParameters["state"] = "fixed" },
        { "ScopeSeparator must not be empty", o => o.ScopeSeparator = "" },
        { "contains a space or the scope separator", o => o.DefaultScopes.Add("read write") },
        { "ProfileMapping.Id is required", o => o.ProfileMapping = new ProfileMapping { Id = "" } },
        { "MaxResponseBytes must be at least 1024", o => o.MaxResponseBytes = 0 },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void A_misconfigured_provider_fails_at_start_up(string expected, Action<OAuthProviderOptions> misconfigure)
    {
        using var host = ProviderTestHost.OAuth2(misconfigure);

        var failures = StartupFailures(host);

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal) && f.Contains("provider 'test'", StringComparison.Ordinal));
    }

    [Fact]
    public void Http_endpoints_are_allowed_on_loopback_hosts()
    {
        using var host = ProviderTestHost.OAuth2(o =>
        {
            o.AuthorizationEndpoint = new Uri("http://127.0.0.1:4455/auth");
            o.TokenEndpoint = new Uri("http://localhost:4455/token");
        });

        Assert.Empty(StartupFailures(host));
    }

    [Fact]
    public void Every_registered_provider_is_validated()
    {
        using var host = new ProviderTestHost(ProviderTestHost.OAuth2Name, b => b
            .AddOAuth2(ProviderTestHost.OAuth2Name, o =>
            {
                o.ClientId = "a";
                o.ClientSecret = "b";
                o.AuthorizationEndpoint = new Uri(OAuthFixtures.AuthorizationEndpoint);
                o.TokenEndpoint = new Uri(OAuthFixtures.TokenEndpoint);
            })
            .AddOAuth2("second", o => o.ClientSecret = "b"));

        var failures = StartupFailures(host);

        Assert.Contains(failures, f => f.Contains("provider 'second': ClientId is required", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("provider 'test'", StringComparison.Ordinal));
    }

    public static TheoryData<string, Action<OpenIdConnectProviderOptions>> OpenIdConnectMisconfigurations => new()
    {
        { "Authority is required", o => o.Authority = null },
        { "is not an absolute URL", o => o.Authority = "accounts.example.test" },
        { "Authority must use https", o => o.Authority = "http://accounts.example.test" },
        { "DiscoveryRefreshInterval must be positive", o => o.DiscoveryRefreshInterval = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(OpenIdConnectMisconfigurations))]
    public void A_misconfigured_openid_connect_provider_fails_at_start_up(string expected, Action<OpenIdConnectProviderOptions> misconfigure)
    {
        using var host = ProviderTestHost.OpenIdConnect(misconfigure);

        Assert.Contains(StartupFailures(host), f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_openid_connect_provider_needs_no_endpoints_and_may_use_http_metadata_when_told()
    {
        using var loopback = ProviderTestHost.OpenIdConnect();
        using var relaxed = ProviderTestHost.OpenIdConnect(o =>
        {
            o.Authority = "http://keycloak.internal:8080/realms/main";
            o.RequireHttpsMetadata = false;
        });

        Assert.Empty(StartupFailures(loopback));
        Assert.Empty(StartupFailures(relaxed));
    }

    [Fact]
    public async Task Options_bind_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClientId"] = "12345",
            ["ClientSecret"] = "from-config",
            ["ClientAuthentication"] = "Post",
            ["AuthorizationEndpoint"] = "https://www.strava.example/oauth/authorize",
            ["TokenEndpoint"] = OAuthFixtures.TokenEndpoint,
            ["ScopeSeparator"] = ",",
            ["DefaultScopes:0"] = "read",
            ["DefaultScopes:1"] = "activity:read_all",
            ["AdditionalAuthorizationParameters:approval_prompt"] = "auto",
            ["TokenRefresh:RefreshBeforeExpiry"] = "00:10:00",
            ["ProfileMapping:Id"] = "athlete.id",
        }).Build();
        using var host = new ProviderTestHost(ProviderTestHost.OAuth2Name, b => b.AddOAuth2(ProviderTestHost.OAuth2Name, configuration));
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse());

        var url = await host.Provider.CreateAuthorizationUrlAsync(new AuthorizationUrlContext
        {
            State = "s",
            CodeChallenge = "c",
            Scopes = [.. host.Provider.DefaultScopes],
            RedirectUri = new Uri(OAuthFixtures.RedirectUri),
        });
        await host.Provider.ExchangeCodeAsync(new CodeExchangeContext { Code = "c", CodeVerifier = "v", RedirectUri = new Uri(OAuthFixtures.RedirectUri), Callback = new ConnectCallback() });

        Assert.Empty(StartupFailures(host));
        var query = TestIdentityProvider.Query(url);
        Assert.Equal("read,activity:read_all", query["scope"]);
        Assert.Equal("auto", query["approval_prompt"]);
        Assert.Equal("12345", query["client_id"]);
        Assert.Equal("from-config", token.Form["client_secret"]);
        Assert.Equal(TimeSpan.FromMinutes(10), host.Provider.TokenRefresh.RefreshBeforeExpiry);
    }

    [Fact]
    public async Task A_derived_provider_registered_with_its_own_options_uses_its_hooks()
    {
        using var host = new ProviderTestHost("fault", b => b.AddOAuthProvider<FaultProvider, FaultProviderOptions>("fault", o =>
        {
            o.ClientId = "12345";
            o.ClientSecret = "secret";
            o.AuthorizationEndpoint = new Uri(OAuthFixtures.AuthorizationEndpoint);
            o.TokenEndpoint = new Uri(OAuthFixtures.TokenEndpoint);
            o.ApprovalPrompt = "force";
        }));
        host.RespondToToken(HttpStatusCode.BadRequest, """
            {"message":"Bad Request","errors":[{"resource":"RefreshToken","field":"refresh_token","code":"invalid"}]}
            """);

        var url = await host.Provider.CreateAuthorizationUrlAsync(new AuthorizationUrlContext { State = "s", CodeChallenge = "c", RedirectUri = new Uri(OAuthFixtures.RedirectUri) });
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.RefreshAsync(new TokenRefreshContext(
            new Integration { Id = Guid.NewGuid(), UserId = "u", Provider = "fault", DisplayName = "d", Account = new ExternalAccount("1"), CreatedAt = default, UpdatedAt = default },
            new TokenSet("a") { RefreshToken = "r" })));

        Assert.IsType<FaultProvider>(host.Provider);
        Assert.Equal("force", TestIdentityProvider.Query(url)["approval_prompt"]);
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
    }

    /// <summary>A provider with Strava-style quirks, written the way a provider package would write it.</summary>
    private sealed class FaultProvider(string name, FaultProviderOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<FaultProvider> logger)
        : OAuth2Provider(name, options, httpClientFactory, timeProvider, logger)
    {
        protected override void BuildAuthorizationParameters(AuthorizationUrlContext context, IDictionary<string, string> parameters)
        {
            base.BuildAuthorizationParameters(context, parameters);
            parameters["approval_prompt"] = options.ApprovalPrompt;
        }

        protected override IntegrationException MapErrorResponse(OAuthEndpointResponse response) =>
            response.Kind == OAuthRequestKind.Refresh
                && response.Json?.GetProperty("errors")[0].GetProperty("resource").GetString() == "RefreshToken"
                ? new IntegrationException(IntegrationErrorCode.ReauthorizationRequired, "The refresh token is invalid.") { Provider = Name }
                : base.MapErrorResponse(response);
    }

    private sealed class FaultProviderOptions : OAuthProviderOptions
    {
        public string ApprovalPrompt { get; set; } = "auto";
    }
}
