namespace Integrations.Providers.Strava.Tests.Support;

internal static class BudgetExtensions
{
    /// <summary>Waits (in real time, bounded) until <paramref name="count"/> requests wait for a rate-limit window; the clock does not move.</summary>
    public static async Task WhenWaitingAsync(this StravaRateLimitBudget budget, int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnStarted() => started.TrySetResult();
            budget.WaitStarted += OnStarted;
            try
            {
                if (budget.Waiting >= count)
                {
                    return;
                }

                await started.Task.WaitAsync(patience.Token);
            }
            finally
            {
                budget.WaitStarted -= OnStarted;
            }
        }
    }
}
