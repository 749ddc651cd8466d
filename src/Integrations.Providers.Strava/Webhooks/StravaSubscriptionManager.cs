using System.Globalization;
using Integrations.Providers.Strava.Internal;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava;

/// <summary>
/// Manages the application's push subscription with its client id and secret (no athlete token).
/// Strava allows one subscription per application, covering every athlete who authorized it; it
/// never expires. Call <see cref="EnsureSubscriptionAsync"/> once the host serves the callback (Strava
/// verifies it with a handshake while the subscription is created).
/// </summary>
public sealed class StravaSubscriptionManager
{
    private const int MaxCallbackLength = 255;
    private static readonly TimeSpan RefetchInterval = TimeSpan.FromMinutes(5);

    private readonly string _provider;
    private readonly IHttpClientFactory _http;
    private readonly Func<StravaOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly Lock _gate = new();
    private long? _knownId;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    internal StravaSubscriptionManager(string provider, IHttpClientFactory http, Func<StravaOptions> options, TimeProvider time, ILogger logger)
    {
        _provider = provider;
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Reads the application's subscription (<c>GET /push_subscriptions</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription, or <see langword="null"/> when the application has none.</returns>
    /// <exception cref="IntegrationException">Strava refused the credentials or could not be reached.</exception>
    public async Task<StravaPushSubscription?> GetSubscriptionAsync(CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync("push_subscriptions?" + Credentials(), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var subscriptions = await StravaApiResponses.ReadJsonAsync(response, StravaJsonContext.Default.ListStravaPushSubscription, _provider, _time, cancellationToken).ConfigureAwait(false);
        var subscription = subscriptions.Count == 0 ? null : subscriptions[0];
        Remember(subscription?.Id);
        return subscription;
    }

    /// <summary>
    /// Creates the subscription (<c>POST /push_subscriptions</c>) with <see cref="StravaWebhookOptions.VerifyToken"/>.
    /// Strava calls <paramref name="callbackUrl"/> with the handshake before it answers, so the
    /// host must already serve it (see <see cref="StravaWebhookHandler.HandleVerification"/>).
    /// </summary>
    /// <param name="callbackUrl">The public URL of the host's webhook endpoint (at most 255 characters).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new subscription.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.WebhookFailed"/> when Strava refused: a subscription exists already,
    /// or the callback did not answer the handshake.
    /// </exception>
    public async Task<StravaPushSubscription> CreateSubscriptionAsync(Uri callbackUrl, CancellationToken cancellationToken = default)
    {
        var callback = CheckCallback(callbackUrl);
        var verifyToken = _options().Webhooks.VerifyToken;
        if (string.IsNullOrWhiteSpace(verifyToken))
        {
            throw new InvalidOperationException($"Strava '{_provider}': set Webhooks.VerifyToken before creating a push subscription.");
        }

        var options = _options();
        using var client = CreateClient();
        using var content = new FormUrlEncodedContent(
        [
            new("client_id", options.ClientId),
            new("client_secret", options.ClientSecret ?? ""),
            new("callback_url", callback),
            new("verify_token", verifyToken),
        ]);
        StravaPushSubscription created;
        try
        {
            using var response = await client.PostAsync("push_subscriptions", content, cancellationToken).ConfigureAwait(false);
            created = await StravaApiResponses.ReadJsonAsync(response, StravaJsonContext.Default.StravaPushSubscription, _provider, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (IntegrationException ex) when (ex.Code is IntegrationErrorCode.InvalidRequest or IntegrationErrorCode.PermissionDenied)
        {
            throw new IntegrationException(
                IntegrationErrorCode.WebhookFailed,
                $"Strava '{_provider}' refused the push subscription ({ex.Message}) Either the application has one already, or {callback} did not answer the handshake with the verify token.",
                ex)
            { Provider = _provider, StatusCode = ex.StatusCode, ProviderError = ex.ProviderError };
        }

        created = created with { CallbackUrl = created.CallbackUrl ?? callback };
        Remember(created.Id);
        StravaLog.SubscriptionCreated(_logger, _provider, created.Id);
        return created;
    }

    /// <summary>
    /// Returns the application's subscription when it already calls <paramref name="callbackUrl"/>, and
    /// creates it when the application has none: never a second one.
    /// </summary>
    /// <param name="callbackUrl">The public URL of the host's webhook endpoint.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.WebhookFailed"/> when the application's subscription calls another URL
    /// (delete it first with <see cref="DeleteSubscriptionAsync"/>), or when the creation was refused.
    /// </exception>
    public async Task<StravaPushSubscription> EnsureSubscriptionAsync(Uri callbackUrl, CancellationToken cancellationToken = default)
    {
        var callback = CheckCallback(callbackUrl);
        var existing = await GetSubscriptionAsync(cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return await CreateSubscriptionAsync(callbackUrl, cancellationToken).ConfigureAwait(false);
        }

        if (!string.Equals(existing.CallbackUrl, callback, StringComparison.Ordinal))
        {
            throw new IntegrationException(
                IntegrationErrorCode.WebhookFailed,
                $"Strava '{_provider}': the application's push subscription {existing.Id} calls {existing.CallbackUrl}, not {callback}. Strava allows one subscription per application: delete it first.")
            { Provider = _provider };
        }

        return existing;
    }

    /// <summary>Deletes the subscription (<c>DELETE /push_subscriptions/{id}</c>); one already gone counts as deleted.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the subscription is gone.</returns>
    public async Task DeleteSubscriptionAsync(long subscriptionId, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        using var response = await client.DeleteAsync($"push_subscriptions/{subscriptionId.ToString(CultureInfo.InvariantCulture)}?{Credentials()}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            await StravaApiResponses.EnsureSuccessAsync(response, _provider, _time, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (_knownId == subscriptionId)
            {
                _knownId = null;
            }
        }

        StravaLog.SubscriptionDeleted(_logger, _provider, subscriptionId);
    }

    /// <summary>
    /// Whether <paramref name="subscriptionId"/> is the application's: the configured id, else the one
    /// read from Strava (read once, and again at most every few minutes when an event names another).
    /// </summary>
    internal async ValueTask<bool> IsApplicationSubscriptionAsync(long subscriptionId, CancellationToken cancellationToken)
    {
        if (_options().Webhooks.SubscriptionId is { } configured)
        {
            return configured == subscriptionId;
        }

        if (Matches(subscriptionId) is { } known)
        {
            return known;
        }

        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Matches(subscriptionId) is { } meanwhile)
            {
                return meanwhile;
            }

            return (await GetSubscriptionAsync(cancellationToken).ConfigureAwait(false))?.Id == subscriptionId;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>
    /// Whether the id read last settles it: the same id, or a recent read that found another (or
    /// none). <see langword="null"/> when Strava should be asked, so a stream of forged ids costs at
    /// most one request per interval.
    /// </summary>
    private bool? Matches(long subscriptionId)
    {
        lock (_gate)
        {
            if (_knownId == subscriptionId)
            {
                return true;
            }

            return _fetchedAt != DateTimeOffset.MinValue && _time.GetUtcNow() - _fetchedAt < RefetchInterval ? false : null;
        }
    }

    private void Remember(long? id)
    {
        lock (_gate)
        {
            _knownId = id;
            _fetchedAt = _time.GetUtcNow();
        }
    }

    private HttpClient CreateClient() => _http.CreateClient(StravaDefaults.SubscriptionsClientName(_provider));

    // Strava documents the application's credentials as query parameters of these two requests.
    private string Credentials()
    {
        var options = _options();
        return $"client_id={Uri.EscapeDataString(options.ClientId)}&client_secret={Uri.EscapeDataString(options.ClientSecret ?? "")}";
    }

    private static string CheckCallback(Uri callbackUrl)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        if (!callbackUrl.IsAbsoluteUri || (callbackUrl.Scheme != Uri.UriSchemeHttps && callbackUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The callback must be an absolute http(s) URL that Strava can reach.", nameof(callbackUrl));
        }

        var text = callbackUrl.AbsoluteUri;
        return text.Length <= MaxCallbackLength
            ? text
            : throw new ArgumentException($"Strava accepts callback URLs of at most {MaxCallbackLength} characters.", nameof(callbackUrl));
    }
}
