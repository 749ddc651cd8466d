namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// Real time plus an offset the test moves. Timers (and so <c>Task.Delay(d, timeProvider)</c>, the
/// SDK's lease polling) run on real time, while "now" jumps ahead when the test advances it: tokens
/// expire and leases lapse without the test sleeping, and a real server (which runs on real time)
/// still accepts the tokens it issued.
/// </summary>
internal sealed class OffsetTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Volatile.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
