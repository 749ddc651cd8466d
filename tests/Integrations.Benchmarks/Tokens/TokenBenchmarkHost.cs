using Integrations;
using Integrations.TestSupport.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks.Tokens;

/// <summary>The SDK as a host registers it (in-memory stores, system clock), with the benchmark provider.</summary>
internal sealed class TokenBenchmarkHost : IDisposable
{
    private readonly ServiceProvider _services;

    public TokenBenchmarkHost()
    {
        OAuth = new BenchmarkOAuthProvider(TimeProvider.System);
        var services = new ServiceCollection();
        services.AddIntegrations().AddProvider(OAuth.Name, _ => OAuth);
        _services = services.BuildServiceProvider();
        Tokens = _services.GetRequiredService<IAccessTokenProvider>();
    }

    public BenchmarkOAuthProvider OAuth { get; }

    public IAccessTokenProvider Tokens { get; }

    /// <summary>Adds an integration whose access token expires in <paramref name="expiresIn"/>.</summary>
    public IntegrationKey Seed(TimeSpan expiresIn)
    {
        var now = TimeProvider.System.GetUtcNow();
        var owner = new IntegrationOwner("tenant", "user");
        var tokens = new TokenSet("access-0") { RefreshToken = "refresh-0", ExpiresAt = now + expiresIn, IssuedAt = now + expiresIn - TimeSpan.FromHours(1) };
        var integration = StoreTestData.Minimal(owner, OAuth.Name, createdAt: now) with
        {
            Tokens = _services.GetRequiredService<ITokenProtector>().Protect(owner, tokens),
        };
        _services.GetRequiredService<IIntegrationStore>().AddAsync(integration).GetAwaiter().GetResult();
        return integration.Key;
    }

    public void Dispose() => _services.Dispose();
}
