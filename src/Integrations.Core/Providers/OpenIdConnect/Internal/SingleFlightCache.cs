namespace Integrations.Internal;

/// <summary>
/// A value loaded on first use and reloaded when it is older than a maximum age or on request.
/// Concurrent callers share one load; the load runs without any caller's cancellation token, so
/// one caller giving up does not fail the others. When a reload fails, the previous value is
/// served.
/// </summary>
internal sealed class SingleFlightCache<T>(Func<CancellationToken, Task<T>> load, TimeProvider timeProvider)
    where T : class
{
    private readonly Lock _gate = new();
    private Entry? _entry;
    private Task<Entry>? _loading;

    /// <summary>The current value, or <see langword="null"/> before the first successful load.</summary>
    public T? Current => Volatile.Read(ref _entry)?.Value;

    public async ValueTask<T> GetAsync(TimeSpan maxAge, Action<Exception> onStaleServed, CancellationToken cancellationToken)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && timeProvider.GetUtcNow() - entry.LoadedAt < maxAge)
        {
            return entry.Value;
        }

        try
        {
            return (await Join(entry).WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (Exception ex) when (entry is not null && !cancellationToken.IsCancellationRequested)
        {
            onStaleServed(ex);
            return entry.Value;
        }
    }

    /// <summary>Loads again, unless someone already replaced <paramref name="stale"/> since the caller read it.</summary>
    public async ValueTask<T> ReloadAsync(T stale, CancellationToken cancellationToken)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && !ReferenceEquals(entry.Value, stale))
        {
            return entry.Value;
        }

        return (await Join(entry).WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    private Task<Entry> Join(Entry? seen)
    {
        lock (_gate)
        {
            if (_entry is { } current && !ReferenceEquals(current, seen))
            {
                return Task.FromResult(current);
            }

            if (_loading is { IsCompleted: false } loading)
            {
                return loading;
            }

            return _loading = Task.Run(LoadAsync);
        }
    }

    private async Task<Entry> LoadAsync()
    {
        var value = await load(CancellationToken.None).ConfigureAwait(false);
        var entry = new Entry(value, timeProvider.GetUtcNow());
        Volatile.Write(ref _entry, entry);
        return entry;
    }

    private sealed record Entry(T Value, DateTimeOffset LoadedAt);
}
