using Microsoft.Extensions.Options;

namespace Integrations.Internal;

internal sealed class IntegrationsOptionsValidator : IValidateOptions<IntegrationsOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationsOptions options)
    {
        List<string> failures = [];
        if (options.PendingAuthorizationLifetime <= TimeSpan.Zero)
        {
            failures.Add("Integrations: PendingAuthorizationLifetime must be positive.");
        }

        if (options.MaxConsecutiveErrors < 1)
        {
            failures.Add("Integrations: MaxConsecutiveErrors must be at least 1.");
        }

        if (options.RefreshLeaseDuration <= TimeSpan.Zero)
        {
            failures.Add("Integrations: RefreshLeaseDuration must be positive.");
        }

        if (options.RefreshLeasePollInterval <= TimeSpan.Zero || options.RefreshLeasePollInterval >= options.RefreshLeaseDuration)
        {
            failures.Add("Integrations: RefreshLeasePollInterval must be positive and shorter than RefreshLeaseDuration.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
