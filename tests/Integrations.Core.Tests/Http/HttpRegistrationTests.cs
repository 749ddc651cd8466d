using System.Net;
using Integrations.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Http;

public sealed class HttpRegistrationTests : IDisposable
{
    private readonly HttpTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Bound_client_carries_its_integration_and_the_named_clients_settings()
    {
        var integration = new IntegrationKey(Guid.NewGuid(), new IntegrationOwner("tenant-9", "user-9"));
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).WithHeaders("Authorization", "Bearer token-1").Respond(HttpStatusCode.OK);
        using var client = _host.Services.GetRequiredService<IIntegrationHttpClientFactory>().CreateClient(integration, HttpTestHost.ClientName);

        using var response = await client.GetAsync("items"); // relative: the base address comes from AddHttpClient

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([integration], _host.Tokens.Integrations);
        Assert.True(response.RequestMessage!.TryGetIntegration(out var sent));
        Assert.Equal(integration, sent);
    }

    [Fact]
    public async Task Bound_client_uses_its_own_integration_over_one_set_on_the_request()
    {
        var bound = new IntegrationKey(Guid.NewGuid(), new IntegrationOwner("tenant-9", "user-9"));
        var other = new IntegrationKey(Guid.NewGuid(), new IntegrationOwner("tenant-9", "user-10"));
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);
        using var client = _host.Services.GetRequiredService<IIntegrationHttpClientFactory>().CreateClient(bound, HttpTestHost.ClientName);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, HttpTestHost.Url).SetIntegration(other));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([bound], _host.Tokens.Integrations);
        Assert.True(response.RequestMessage!.TryGetIntegration(out var sent));
        Assert.Equal(bound, sent);
    }

    [Fact]
    public async Task Disposing_a_bound_client_leaves_the_pooled_handlers_usable()
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);
        using (var first = _host.CreateClient())
        {
            using var response = await first.GetAsync(HttpTestHost.Url);
        }

        using var second = _host.CreateClient();
        using var again = await second.GetAsync(HttpTestHost.Url);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Typed_client_gets_both_handlers_with_resilience_outside_authorization()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("unexpected request"));
        mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);
        mock.Expect(HttpMethod.Get, HttpTestHost.Url).WithHeaders("Authorization", "Bearer token-1").Respond(HttpStatusCode.OK);
        var clock = new ObservableTimeProvider();
        var tokens = new FakeAccessTokenProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IAccessTokenProvider>(tokens);
        services.AddIntegrations();
        services.AddHttpClient<TypedApi>().AddIntegrationHandlers(o => o.AttemptTimeout = HttpTestHost.AttemptTimeout).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();

        var api = provider.GetRequiredService<TypedApi>();
        using var response = await clock.CompleteAsync(api.GetItemsAsync(HttpTestHost.Integration), HttpTestHost.AttemptTimeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, tokens.GetCalls); // the retry goes through authorization again
        mock.VerifyNoOutstandingExpectation();
        var chain = HandlerTypes(provider, nameof(TypedApi));
        Assert.True(chain.IndexOf(typeof(IntegrationResilienceHandler)) < chain.IndexOf(typeof(IntegrationAuthorizationHandler)));
    }

    [Fact]
    public void Adding_the_handlers_twice_adds_them_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAccessTokenProvider>(new FakeAccessTokenProvider());
        services.AddIntegrations().AddHttpClient("twice").AddIntegrationHandlers(o => o.MaxRetryAttempts = 5);
        using var provider = services.BuildServiceProvider();

        var chain = HandlerTypes(provider, "twice");

        Assert.Single(chain, t => t == typeof(IntegrationResilienceHandler));
        Assert.Single(chain, t => t == typeof(IntegrationAuthorizationHandler));
        Assert.Equal(5, provider.GetRequiredService<IOptionsMonitor<IntegrationResilienceOptions>>().Get("twice").MaxRetryAttempts);
    }

    [Fact]
    public void Resilience_options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MaxRetryAttempts"] = "5",
            ["AttemptTimeout"] = "00:00:10",
            ["RetryNonIdempotentMethods"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddIntegrations();
        services.AddHttpClient("bound").AddIntegrationHandlers(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<IntegrationResilienceOptions>>().Get("bound");

        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), options.AttemptTimeout);
        Assert.True(options.RetryNonIdempotentMethods);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryAfter);
    }

    [Fact]
    public void Invalid_resilience_options_fail_at_start()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().AddHttpClient("broken", configureResilience: o =>
        {
            o.MaxRetryAttempts = -1;
            o.CircuitBreakerMinimumThroughput = 1;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("'broken'", StringComparison.Ordinal) && f.Contains("MaxRetryAttempts", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CircuitBreakerMinimumThroughput", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var options = new IntegrationResilienceOptions();

        Assert.Equal(3, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.False(options.RetryNonIdempotentMethods);
        Assert.Equal(0.5, options.CircuitBreakerFailureRatio);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CircuitBreakerSamplingDuration);
        Assert.Equal(20, options.CircuitBreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(15), options.CircuitBreakerBreakDuration);
        Assert.True(new IntegrationResilienceOptionsValidator().Validate("defaults", options).Succeeded);
    }

    private static List<Type> HandlerTypes(IServiceProvider provider, string name) =>
        HttpTestHost.ConfigureHandlerBuilder(provider, name).AdditionalHandlers.Select(h => h.GetType()).ToList();

    private sealed class TypedApi(HttpClient client)
    {
        public Task<HttpResponseMessage> GetItemsAsync(IntegrationKey integration) =>
            client.SendAsync(new HttpRequestMessage(HttpMethod.Get, HttpTestHost.Url).SetIntegration(integration));
    }
}
