namespace Integrations.Sample;

/// <summary>
/// The system clock, plus a jump the sample controls: <see cref="Advance"/> makes the SDK and the
/// sandbox both believe time has passed, so a token can expire in a demo without waiting for it.
/// Timers (retry delays, timeouts) still run in real time. A host never needs this: the SDK takes
/// its time from the <see cref="TimeProvider"/> registered in DI, and tests register a fake one.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
