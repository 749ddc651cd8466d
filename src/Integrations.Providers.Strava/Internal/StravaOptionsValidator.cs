using Microsoft.Extensions.Options;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Validates the Strava-specific options of one registration at start-up (the Core validator
/// checks the OAuth ones: client id and secret, endpoints, scopes).
/// </summary>
internal sealed class StravaOptionsValidator(string providerName) : IValidateOptions<StravaOptions>
{
    public ValidateOptionsResult Validate(string? name, StravaOptions options)
    {
        if (!string.Equals(name, providerName, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        List<string> failures = [];
        void Fail(string message) => failures.Add($"Integrations: Strava provider '{providerName}': {message}");

        if (!Enum.IsDefined(options.ApprovalPrompt))
        {
            Fail($"ApprovalPrompt {options.ApprovalPrompt} is not Auto or Force.");
        }

        if (options.ApiBaseAddress is not { IsAbsoluteUri: true } api
            || (api.Scheme != Uri.UriSchemeHttps && !(api.Scheme == Uri.UriSchemeHttp && api.IsLoopback))
            || !string.IsNullOrEmpty(api.Query) || !string.IsNullOrEmpty(api.Fragment))
        {
            Fail("ApiBaseAddress must be an absolute https URL without query (http only for loopback hosts).");
        }

        if (options.ActivitiesOverlap < TimeSpan.Zero || options.ActivitiesOverlap > TimeSpan.FromDays(366))
        {
            Fail("ActivitiesOverlap must be between zero and 366 days.");
        }

        if (options.RateLimit is not { } rateLimit)
        {
            Fail("RateLimit is required.");
        }
        else
        {
            if (rateLimit.MaxWait <= TimeSpan.Zero || rateLimit.MaxWait > TimeSpan.FromDays(2))
            {
                Fail("RateLimit.MaxWait must be positive and at most 2 days.");
            }

            if (rateLimit.MaxRetriesAfterRateLimit is < 0 or > 10)
            {
                Fail("RateLimit.MaxRetriesAfterRateLimit must be between 0 and 10.");
            }
        }

        if (options.Webhooks is not { } webhooks)
        {
            Fail("Webhooks is required.");
        }
        else
        {
            if (webhooks.VerifyToken is { } token && string.IsNullOrWhiteSpace(token))
            {
                Fail("Webhooks.VerifyToken must not be blank (leave it unset to refuse every handshake).");
            }

            if (webhooks.SubscriptionId is <= 0)
            {
                Fail("Webhooks.SubscriptionId must be positive when set.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
