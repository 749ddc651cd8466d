using System.Threading.Channels;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Http;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer it starts, with its due time, so
/// a test can wait until the code under test is really waiting (a retry delay, an attempt timeout)
/// before it moves the clock. Nothing sleeps.
/// </summary>
internal sealed class ObservableTimeProvider : TimeProvider
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _inner = new();
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(this, _inner.CreateTimer(callback, state, dueTime, period));
        Started(dueTime);
        return timer;
    }

    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    private void Started(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _created.Writer.TryWrite(dueTime);
        }
    }

    /// <summary>Waits (in real time, bounded) until a timer whose due time matches is created, and returns that due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var dueTime = await _created.Reader.ReadAsync(timeout.Token);
            if (match(dueTime))
            {
                return dueTime;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion by firing each wait it starts (any timer but the
    /// attempt timeout) as soon as it is created.
    /// </summary>
    public async Task<T> CompleteAsync<T>(Task<T> task, TimeSpan attemptTimeout)
    {
        while (true)
        {
            var timer = WaitForTimerAsync(due => due != attemptTimeout);
            var first = await Task.WhenAny(task, timer).WaitAsync(Patience);
            if (first == task)
            {
                return await task;
            }

            Advance(await timer);
        }
    }

    // Timers are often created idle and started later with Change (CancellationTokenSource does that).
    private sealed class ObservedTimer(ObservableTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed)
            {
                owner.Started(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
