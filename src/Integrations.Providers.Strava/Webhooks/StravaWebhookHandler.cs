using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integrations.Providers.Strava.Internal;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava;

/// <summary>
/// Answers Strava's webhook requests, framework-agnostic: map a GET and a POST endpoint of the
/// host to <see cref="HandleVerification"/> and <see cref="HandleEventAsync"/> and write the
/// <see cref="StravaWebhookResponse"/> back. Events are acknowledged at once and processed in the
/// background: a deauthorization revokes the athlete's integrations (<see cref="IIntegrationManager.MarkRevokedAsync"/>);
/// an activity create, update or delete makes the next page of an activities sync (started with
/// <see cref="SyncRunType.Webhook"/>) read or delete exactly that activity. Deliveries are
/// idempotent: a duplicate has no further effect.
/// </summary>
public sealed class StravaWebhookHandler : IAsyncDisposable, IDisposable
{
    // Strava tries a delivery 3 times in all when it does not get a 200.
    private const int TryAgainStatus = 503;

    // Strava wants an answer within 2 seconds; a subscription lookup held by the rate limit must not delay it.
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(1.5);

    private readonly string _provider;
    private readonly Func<StravaOptions> _options;
    private readonly StravaSubscriptionManager _subscriptions;
    private readonly StravaWebhookProcessor _processor;
    private readonly StravaTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<Task, bool> _background = new();
    private int _disposed;

    internal StravaWebhookHandler(
        string provider,
        Func<StravaOptions> options,
        StravaSubscriptionManager subscriptions,
        StravaWebhookProcessor processor,
        StravaTelemetry telemetry,
        TimeProvider time,
        ILogger logger)
    {
        _provider = provider;
        _options = options;
        _subscriptions = subscriptions;
        _processor = processor;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Answers the subscription handshake (<c>GET {callback}?hub.mode=subscribe&amp;hub.challenge=…&amp;hub.verify_token=…</c>):
    /// 200 with <c>{"hub.challenge":"…"}</c> when the verify token matches <see cref="StravaWebhookOptions.VerifyToken"/>
    /// (compared in constant time), 403 when it does not, 400 when a parameter is missing.
    /// </summary>
    /// <param name="query">The request's query parameters (for example ASP.NET Core's <c>Request.Query</c> as pairs).</param>
    /// <returns>The response to write.</returns>
    public StravaWebhookResponse HandleVerification(IEnumerable<KeyValuePair<string, string?>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? mode = null, challenge = null, token = null;
        foreach (var (name, value) in query)
        {
            switch (name)
            {
                case "hub.mode":
                    mode ??= value;
                    break;
                case "hub.challenge":
                    challenge ??= value;
                    break;
                case "hub.verify_token":
                    token ??= value;
                    break;
            }
        }

        if (mode != "subscribe" || string.IsNullOrEmpty(challenge) || token is null)
        {
            return Refuse(400, "not a subscription handshake (hub.mode, hub.challenge and hub.verify_token are required)", handshake: true);
        }

        if (_options().Webhooks.VerifyToken is not { Length: > 0 } expected || !SameSecret(token, expected))
        {
            return Refuse(403, "the verify token does not match", handshake: true);
        }

        // The key literally contains a dot; the writer escapes whatever the challenge holds.
        return new StravaWebhookResponse(200, JsonMember("hub.challenge", challenge));
    }

    /// <summary>
    /// Accepts an event Strava posted: reads it, checks that it names the application's subscription,
    /// starts processing it in the background and answers 200 at once (Strava wants an answer within
    /// 2 seconds and tries 3 times in all). Malformed bodies get 400, other subscriptions 403. When
    /// the application's subscription id cannot be read from Strava right now, 503 makes Strava try
    /// again.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="cancellationToken">Cancels reading the request (not the processing).</param>
    /// <returns>The response to write; <see cref="StravaWebhookResponse.Processing"/> follows the background work.</returns>
    public async Task<StravaWebhookResponse> HandleEventAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        StravaWebhookEvent webhookEvent;
        try
        {
            var buffer = new byte[StravaWebhookEvent.MaxBodyBytes + 1];
            var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            webhookEvent = StravaWebhookEvent.Parse(buffer.AsSpan(0, length));
        }
        catch (IntegrationException ex)
        {
            return Refuse(400, ex.Message, handshake: false, outcome: "invalid");
        }

        bool known;
        using var timeout = new CancellationTokenSource(LookupTimeout, _time);
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            known = await _subscriptions.IsApplicationSubscriptionAsync(webhookEvent.SubscriptionId, lookup.Token).ConfigureAwait(false);
        }
        catch (IntegrationException ex)
        {
            return Refuse(TryAgainStatus, $"the application's subscription could not be read from Strava ({ex.Code})", handshake: false, outcome: "unavailable");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Refuse(TryAgainStatus, "the application's subscription could not be read from Strava in time", handshake: false, outcome: "unavailable");
        }

        if (!known)
        {
            return Refuse(403, UnknownSubscription(webhookEvent.SubscriptionId), handshake: false, outcome: "rejected");
        }

        _telemetry.WebhookEvents.Add(1, StravaTelemetry.Provider(_provider), StravaTelemetry.Outcome("accepted"));
        StravaLog.EventAccepted(_logger, _provider, StravaText.Code(webhookEvent.ObjectType)!, StravaText.Code(webhookEvent.AspectType)!, webhookEvent.ObjectId, webhookEvent.OwnerId);
        return new StravaWebhookResponse(200, "{}") { Processing = StartProcessing(webhookEvent) };
    }

    /// <summary>
    /// Processes one event now, for hosts that queue events durably and process them later: checks
    /// its subscription, then revokes the athlete's integrations (deauthorization) or syncs their
    /// activities (activity events). Idempotent: processing the same event twice has the effect of
    /// processing it once.
    /// </summary>
    /// <param name="webhookEvent">The event, from <see cref="StravaWebhookEvent.Parse"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the event was applied.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.WebhookFailed"/> when the event names another subscription.</exception>
    public async Task ProcessEventAsync(StravaWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (!await _subscriptions.IsApplicationSubscriptionAsync(webhookEvent.SubscriptionId, cancellationToken).ConfigureAwait(false))
        {
            _telemetry.WebhookEvents.Add(1, StravaTelemetry.Provider(_provider), StravaTelemetry.Outcome("rejected"));
            throw new IntegrationException(IntegrationErrorCode.WebhookFailed, $"Strava '{_provider}': {UnknownSubscription(webhookEvent.SubscriptionId)}.") { Provider = _provider };
        }

        await _processor.ApplyAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops background processing and waits for it to end.</summary>
    /// <returns>A task that completes when every background event has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_background.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Stops background processing without waiting for it (prefer <see cref="DisposeAsync"/>).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _shutdown.Cancel();
        }
    }

    private Task StartProcessing(StravaWebhookEvent webhookEvent)
    {
        var token = _shutdown.Token;
        var task = Task.Run(async () =>
        {
            try
            {
                await _processor.ApplyAsync(webhookEvent, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested))
            {
                StravaLog.EventFailed(_logger, ex, _provider, webhookEvent.OwnerId);
            }
            catch (OperationCanceledException)
            {
                // Shutting down: Strava's retries or the next scheduled sync pick the change up.
            }
        }, CancellationToken.None);
        _background.TryAdd(task, true);
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private StravaWebhookResponse Refuse(int status, string reason, bool handshake, string outcome = "rejected")
    {
        if (handshake)
        {
            StravaLog.HandshakeRefused(_logger, _provider, reason);
        }
        else
        {
            _telemetry.WebhookEvents.Add(1, StravaTelemetry.Provider(_provider), StravaTelemetry.Outcome(outcome));
            StravaLog.EventRejected(_logger, _provider, reason);
        }

        return new StravaWebhookResponse(status, JsonMember("error", reason)) { Error = reason };
    }

    private static string JsonMember(string name, string value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(name, value);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string UnknownSubscription(long subscriptionId) =>
        $"the event names push subscription {subscriptionId.ToString(CultureInfo.InvariantCulture)}, which is not the application's";

    // Hashing first makes the comparison's time independent of the lengths too.
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
