using System.Collections.Concurrent;
using System.Diagnostics;

namespace Integrations.Benchmarks.Storage;

/// <summary>Durations of store calls by operation name, for the per-page costs of a sync.</summary>
internal sealed class StoreTimings
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _milliseconds = new(StringComparer.Ordinal);

    public async Task<T> TimeAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            _milliseconds.GetOrAdd(operation, _ => new()).Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public async Task TimeAsync(string operation, Func<Task> call) =>
        await TimeAsync(operation, async () =>
        {
            await call();
            return true;
        });

    /// <summary>Count, median, 90th and 99th percentile and total of an operation, in milliseconds.</summary>
    public (int Count, double Median, double P90, double P99, double Total) Summary(string operation)
    {
        if (!_milliseconds.TryGetValue(operation, out var queue) || queue.IsEmpty)
        {
            return (0, 0, 0, 0, 0);
        }

        return (queue.Count, BenchmarkStatistics.Percentile(queue, 0.5), BenchmarkStatistics.Percentile(queue, 0.9), BenchmarkStatistics.Percentile(queue, 0.99), queue.Sum());
    }

    public void Clear() => _milliseconds.Clear();
}
