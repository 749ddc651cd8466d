using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>
/// Checks <see cref="IntegrationResilienceOptions"/> at start-up, with the same limits Polly would
/// enforce later at the first request, so a bad value fails the host instead of a call.
/// </summary>
internal sealed class IntegrationResilienceOptionsValidator : IValidateOptions<IntegrationResilienceOptions>
{
    private static readonly TimeSpan MinimumCircuitDuration = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinimumAttemptTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, IntegrationResilienceOptions options)
    {
        var prefix = $"Integrations HTTP client '{name}': ";
        List<string> failures = [];
        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            failures.Add(prefix + "MaxRetryAttempts must be between 0 and 100.");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > OneDay)
        {
            failures.Add(prefix + "BaseDelay must be between zero and one day.");
        }

        if (options.MaxDelay < options.BaseDelay || options.MaxDelay > OneDay)
        {
            failures.Add(prefix + "MaxDelay must be at least BaseDelay and at most one day.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter > OneDay)
        {
            failures.Add(prefix + "MaxRetryAfter must be between zero and one day.");
        }

        if (options.AttemptTimeout < MinimumAttemptTimeout || options.AttemptTimeout > OneDay)
        {
            failures.Add(prefix + "AttemptTimeout must be between 10 milliseconds and one day.");
        }

        if (!(options.CircuitBreakerFailureRatio > 0 && options.CircuitBreakerFailureRatio <= 1))
        {
            failures.Add(prefix + "CircuitBreakerFailureRatio must be greater than 0 and at most 1.");
        }

        if (options.CircuitBreakerSamplingDuration < MinimumCircuitDuration || options.CircuitBreakerSamplingDuration > OneDay)
        {
            failures.Add(prefix + "CircuitBreakerSamplingDuration must be between 0.5 seconds and one day.");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            failures.Add(prefix + "CircuitBreakerMinimumThroughput must be at least 2.");
        }

        if (options.CircuitBreakerBreakDuration < MinimumCircuitDuration || options.CircuitBreakerBreakDuration > OneDay)
        {
            failures.Add(prefix + "CircuitBreakerBreakDuration must be between 0.5 seconds and one day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
