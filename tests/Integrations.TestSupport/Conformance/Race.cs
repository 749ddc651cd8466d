namespace Integrations.TestSupport.Conformance;

/// <summary>Starts many operations at the same moment, to prove what a store does under contention.</summary>
public static class Race
{
    /// <summary>Starts <paramref name="callers"/> operations on pool threads behind one gate and returns their results.</summary>
    public static async Task<T[]> RunAsync<T>(int callers, Func<int, Task<T>> operation)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await operation(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>Like <see cref="RunAsync{T}"/>, returning each operation's exception, or null for those that succeeded.</summary>
    public static Task<Exception?[]> CatchAsync<T>(int callers, Func<int, Task<T>> operation) =>
        RunAsync(callers, async i =>
        {
            try
            {
                await operation(i);
                return (Exception?)null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
}
