using Integrations.TestSupport;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Core.Tests.Tokens;

/// <summary>
/// What several "processes" share: the clock, the integration store, the lease store, the Data
/// Protection key ring, the provider's token endpoint and the event log.
/// </summary>
internal sealed class TokenWorld
{
    public TokenWorld()
    {
        OAuth = new FakeOAuthProvider(Time);
        Leases = new InMemoryLeaseStore(Time);
    }

    public FakeTimeProvider Time { get; } = new();

    public TestIntegrationStore Store { get; } = new();

    public InMemoryLeaseStore Leases { get; }

    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();

    public FakeOAuthProvider OAuth { get; }

    public RecordingEventHandler Events { get; } = new();
}
