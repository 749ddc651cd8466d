using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Benchmarks.Http;

/// <summary>
/// An authorized GET through the SDK's full handler chain (binding, resilience on Polly.Core,
/// authorization with a cached token) against a loopback Kestrel server, compared with a bare
/// HttpClient carrying a fixed Authorization header. Target: ratio under 1.05. The middle row, a
/// plain <c>IHttpClientFactory</c> client with the same fixed header, shows how much of the difference
/// is the factory's own logging handlers rather than the SDK's.
/// Run: dotnet run -c Release --project tests/Integrations.Benchmarks -- --filter *HandlerChain*
/// </summary>
[MemoryDiagnoser]
public class HandlerChainBenchmarks
{
    private const string Token = "ya29.benchmark-access-token";
    private static readonly IntegrationKey Integration = new(Guid.NewGuid(), IntegrationOwner.ForUser("user-1"));

    private WebApplication _server = null!;
    private ServiceProvider _services = null!;
    private HttpClient _bare = null!;
    private HttpClient _factory = null!;
    private HttpClient _integration = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.MapGet("/items", (HttpContext context) => context.Request.Headers.Authorization.Count == 1 ? Results.Text("[]") : Results.Unauthorized());
        await _server.StartAsync();
        var baseAddress = new Uri(_server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        _bare = new HttpClient(new SocketsHttpHandler()) { BaseAddress = baseAddress };
        _bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var services = new ServiceCollection();
        services.AddSingleton<IAccessTokenProvider>(new CachedTokenProvider(new AccessToken(Token, "Bearer", null)));
        services.AddIntegrations()
            .AddHttpClient("bench", client => client.BaseAddress = baseAddress)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        services.AddHttpClient("plain", client =>
            {
                client.BaseAddress = baseAddress;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        _services = services.BuildServiceProvider();
        _factory = _services.GetRequiredService<IHttpClientFactory>().CreateClient("plain");
        _integration = _services.GetRequiredService<IIntegrationHttpClientFactory>().CreateClient(Integration, "bench");

        // Both clients must really authorize before anything is measured.
        await BareClientAsync();
        await FactoryClientAsync();
        await IntegrationClientAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _bare.Dispose();
        _factory.Dispose();
        _integration.Dispose();
        await _services.DisposeAsync();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<string> BareClientAsync() => _bare.GetStringAsync("/items");

    [Benchmark]
    public Task<string> FactoryClientAsync() => _factory.GetStringAsync("/items");

    [Benchmark]
    public Task<string> IntegrationClientAsync() => _integration.GetStringAsync("/items");

    private sealed class CachedTokenProvider(AccessToken token) : IAccessTokenProvider
    {
        public ValueTask<AccessToken> GetAccessTokenAsync(IntegrationKey integration, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(token);

        public ValueTask<AccessToken> RefreshAccessTokenAsync(IntegrationKey integration, AccessToken? rejectedToken, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(token);
    }
}
