using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Strava.Tests.Registration;

public sealed class StravaRegistrationTests
{
    [Fact]
    public void AddStrava_binds_its_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClientId"] = "12345",
            ["ClientSecret"] = "from-config",
            ["ApprovalPrompt"] = "Force",
            ["DefaultScopes:0"] = "read",
            ["DefaultScopes:1"] = "activity:write",
            ["ActivitiesOverlap"] = "2.00:00:00",
            ["RateLimit:MaxWait"] = "00:00:30",
            ["Webhooks:VerifyToken"] = "verify",
            ["Webhooks:SubscriptionId"] = "120475",
        }).Build();
        using var services = Build(b => b.AddStrava(configuration));

        var options = Options(services);

        Assert.Equal("from-config", options.ClientSecret);
        Assert.Equal(StravaApprovalPrompt.Force, options.ApprovalPrompt);
        Assert.Equal(["read", "activity:write"], options.DefaultScopes);
        Assert.Equal(TimeSpan.FromDays(2), options.ActivitiesOverlap);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RateLimit.MaxWait);
        Assert.Equal(120475, options.Webhooks.SubscriptionId);
        Assert.Equal(StravaDefaults.TokenEndpoint, options.TokenEndpoint);
        Assert.Equal(ClientAuthenticationMethod.Post, options.ClientAuthentication);
        Assert.Equal(["read", "activity:write"], services.GetRequiredService<IOAuthProviderRegistry>().Get(StravaDefaults.ProviderName).DefaultScopes);
    }

    [Fact]
    public void Without_scopes_the_standard_ones_are_requested_and_the_api_address_gets_its_final_slash()
    {
        using var services = Build(b => b.AddStrava(o =>
        {
            o.ClientId = "12345";
            o.ClientSecret = "secret";
            o.ApiBaseAddress = new Uri("https://strava.example.test/api/v3");
        }));

        var options = Options(services);

        Assert.Equal(["read", "activity:read_all"], options.DefaultScopes);
        Assert.Equal(new Uri("https://strava.example.test/api/v3/"), options.ApiBaseAddress);
    }

    [Fact]
    public void A_missing_client_secret_fails_at_start()
    {
        using var services = Build(b => b.AddStrava(o => o.ClientId = "12345"));

        var error = Assert.Throws<OptionsValidationException>(() => Options(services));

        Assert.Contains(error.Failures, f => f.Contains("ClientSecret", StringComparison.Ordinal));
    }

    [Fact]
    public void Strava_settings_out_of_range_fail_at_start_with_every_reason()
    {
        using var services = Build(b => b.AddStrava(o =>
        {
            o.ClientId = "12345";
            o.ClientSecret = "secret";
            o.ActivitiesOverlap = TimeSpan.FromDays(-1);
            o.RateLimit.MaxWait = TimeSpan.Zero;
            o.RateLimit.MaxRetriesAfterRateLimit = -1;
            o.Webhooks.VerifyToken = "  ";
            o.Webhooks.SubscriptionId = 0;
            o.ApiBaseAddress = new Uri("http://strava.example.test/api/v3/");
            o.ApprovalPrompt = (StravaApprovalPrompt)7;
        }));

        var error = Assert.Throws<OptionsValidationException>(() => Options(services));

        foreach (var setting in new[] { "ActivitiesOverlap", "MaxWait", "MaxRetriesAfterRateLimit", "VerifyToken", "SubscriptionId", "ApiBaseAddress", "ApprovalPrompt" })
        {
            Assert.Contains(error.Failures, f => f.Contains(setting, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_first_registration_answers_unkeyed_requests_and_each_keeps_its_own_services()
    {
        using var services = Build(b => b
            .AddStrava(o => { o.ClientId = "1"; o.ClientSecret = "s"; })
            .AddStrava("strava-eu", o => { o.ClientId = "2"; o.ClientSecret = "t"; }));

        Assert.Same(services.GetRequiredKeyedService<StravaClient>(StravaDefaults.ProviderName), services.GetRequiredService<StravaClient>());
        Assert.Same(services.GetRequiredKeyedService<StravaWebhookHandler>(StravaDefaults.ProviderName), services.GetRequiredService<StravaWebhookHandler>());
        Assert.NotSame(services.GetRequiredKeyedService<StravaWebhookHandler>("strava-eu"), services.GetRequiredService<StravaWebhookHandler>());
        Assert.Equal(["strava", "strava-eu"], services.GetRequiredService<IOAuthProviderRegistry>().Names.Order());
    }

    private static ServiceProvider Build(Action<IIntegrationsBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddIntegrations());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static StravaOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<StravaOptions>>().Get(StravaDefaults.ProviderName);
}
