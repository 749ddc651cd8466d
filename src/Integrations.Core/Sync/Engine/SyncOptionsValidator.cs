using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>Validates <see cref="SyncOptions"/> and the sync registrations at start-up.</summary>
internal sealed class SyncOptionsValidator(SyncRegistry registry) : IValidateOptions<SyncOptions>
{
    private const int MaxBatch = 10_000;

    public ValidateOptionsResult Validate(string? name, SyncOptions options)
    {
        List<string> failures = [.. registry.Problems];
        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            failures.Add("Sync: LeaseDuration must be positive.");
        }

        if (options.LeaseRenewalInterval <= TimeSpan.Zero || options.LeaseRenewalInterval >= options.LeaseDuration)
        {
            failures.Add("Sync: LeaseRenewalInterval must be positive and shorter than LeaseDuration.");
        }

        if (options.JoinPollInterval <= TimeSpan.Zero)
        {
            failures.Add("Sync: JoinPollInterval must be positive.");
        }

        if (options.PageSize is < 1 or > MaxBatch || options.PushBatchSize is < 1 or > MaxBatch || options.ReconcileBatchSize is < 1 or > MaxBatch)
        {
            failures.Add($"Sync: PageSize, PushBatchSize and ReconcileBatchSize must be between 1 and {MaxBatch}.");
        }

        if (options.MaxRecordedItemErrors is < 0 or > MaxBatch)
        {
            failures.Add($"Sync: MaxRecordedItemErrors must be between 0 and {MaxBatch}.");
        }

        if (options.MaxConsecutiveItemFailures < 0)
        {
            failures.Add("Sync: MaxConsecutiveItemFailures must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
