using Integrations.TestSupport;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Interop.Tests.Support;

/// <summary>
/// What several SDK "processes" share when they run against one database: the stores, the
/// Data Protection key ring and (in tests) the clock. A host built without one gets its own.
/// </summary>
internal sealed class InteropWorld
{
    public InteropWorld()
    {
        // Near real time: the server runs on real time and the SDK checks id_token iat/exp with this clock.
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Leases = new WaitingLeaseStore(new InMemoryLeaseStore(Time));
    }

    public FakeTimeProvider Time { get; }

    public InMemoryIntegrationStore Store { get; } = new();

    public WaitingLeaseStore Leases { get; }

    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();
}
