using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Http;

/// <summary>
/// A service provider with one integration HttpClient ("api") whose network is a MockHttp handler
/// behind a <see cref="RecordingHandler"/>, a fake token provider and a clock the test moves.
/// Test settings: base delay 1 s, max delay 10 s, attempt timeout 20 s (so waits and timeouts
/// never share a due time).
/// </summary>
internal sealed class HttpTestHost : IDisposable
{
    public const string ClientName = "api";
    public const string Url = "https://api.example.test/items";
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);
    public static readonly IntegrationKey Integration = new(Guid.Parse("5d0f3c1e-8f5b-4d4e-9c61-0a4f1f0b7e01"), new IntegrationOwner("tenant-1", "user-1"));

    public HttpTestHost(Action<IntegrationResilienceOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        Mock.Fallback.Throw(new InvalidOperationException("The test registered no response for this request."));
        Recorder = new RecordingHandler(Mock);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IAccessTokenProvider>(Tokens);
        services.AddIntegrations()
            .AddHttpClient(
                ClientName,
                client => client.BaseAddress = new Uri("https://api.example.test/"),
                options =>
                {
                    options.BaseDelay = TimeSpan.FromSeconds(1);
                    options.MaxDelay = TimeSpan.FromSeconds(10);
                    options.AttemptTimeout = AttemptTimeout;
                    configure?.Invoke(options);
                })
            .ConfigurePrimaryHttpMessageHandler(() => Recorder);
        configureServices?.Invoke(services);
        Services = services.BuildServiceProvider(validateScopes: true);
    }

    public ObservableTimeProvider Clock { get; } = new();

    public FakeAccessTokenProvider Tokens { get; } = new();

    public MockHttpMessageHandler Mock { get; } = new();

    public RecordingHandler Recorder { get; }

    public ServiceProvider Services { get; }

    /// <summary>A client bound to <see cref="Integration"/>, as a host gets it.</summary>
    public HttpClient CreateClient() => Services.GetRequiredService<IIntegrationHttpClientFactory>().CreateClient(Integration, ClientName);

    /// <summary>Sends a GET through a bound client and fires every retry wait as it starts.</summary>
    public Task<HttpResponseMessage> GetAsync() => SendAsync(new HttpRequestMessage(HttpMethod.Get, Url));

    /// <summary>Sends a request through a bound client and fires every retry wait as it starts.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        Clock.CompleteAsync(CreateClient().SendAsync(request), AttemptTimeout);

    /// <summary>
    /// Configures a fresh handler builder for a client name exactly as <c>IHttpClientFactory</c> does
    /// when it creates (or rotates to) a new handler chain.
    /// </summary>
    public static HttpMessageHandlerBuilder ConfigureHandlerBuilder(IServiceProvider services, string name)
    {
        var builder = services.GetRequiredService<HttpMessageHandlerBuilder>();
        builder.Name = name;
        foreach (var configure in services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(name).HttpMessageHandlerBuilderActions)
        {
            configure(builder);
        }

        return builder;
    }

    public void Dispose()
    {
        Services.Dispose();
        Mock.Dispose();
    }
}
