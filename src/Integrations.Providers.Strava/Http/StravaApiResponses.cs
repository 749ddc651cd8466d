using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Integrations.Providers.Strava.Internal;

/// <summary>Reads Strava API responses: typed errors from Fault bodies, and JSON bodies within a size limit.</summary>
internal static class StravaApiResponses
{
    /// <summary>The largest body read: 200 activities with their summary polylines stay well below.</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    private const int MaxFaultBytes = 64 * 1024;

    /// <summary>
    /// Does nothing for a 2xx response. Otherwise disposes it and throws: 401 with a missing
    /// <c>…_permission</c> (and 403) → <see cref="IntegrationErrorCode.PermissionDenied"/>; other 401 →
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> (the authorization handler already
    /// refreshed once and Strava still refused); 408 → <see cref="IntegrationErrorCode.ConnectionError"/>;
    /// 409 → <see cref="IntegrationErrorCode.ConcurrencyConflict"/>; 429 → <see cref="IntegrationErrorCode.RateLimitExceeded"/>;
    /// 5xx → <see cref="IntegrationErrorCode.ProviderUnavailable"/>; other 4xx → <see cref="IntegrationErrorCode.InvalidRequest"/>.
    /// The message carries the Fault's message and first error, never the body.
    /// </summary>
    public static async ValueTask EnsureSuccessAsync(HttpResponseMessage response, string provider, TimeProvider time, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        using (response)
        {
            var fault = await ReadFaultAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var code = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized when fault is { IsMissingPermission: true } => IntegrationErrorCode.PermissionDenied,
                HttpStatusCode.Unauthorized => IntegrationErrorCode.ReauthorizationRequired,
                HttpStatusCode.Forbidden => IntegrationErrorCode.PermissionDenied,
                HttpStatusCode.RequestTimeout => IntegrationErrorCode.ConnectionError,
                HttpStatusCode.Conflict => IntegrationErrorCode.ConcurrencyConflict,
                HttpStatusCode.TooManyRequests => IntegrationErrorCode.RateLimitExceeded,
                >= HttpStatusCode.InternalServerError => IntegrationErrorCode.ProviderUnavailable,
                >= HttpStatusCode.BadRequest => IntegrationErrorCode.InvalidRequest,
                _ => IntegrationErrorCode.InvalidResponse,
            };
            var request = response.RequestMessage;
            var missing = code == IntegrationErrorCode.PermissionDenied ? fault?.MissingScope() : null;
            var message = $"{provider}: Strava answered {status} to {request?.Method} {request?.RequestUri?.AbsolutePath}"
                + (fault is null ? "." : $" ({fault.Describe()}).")
                + (missing is null ? "" : $" The athlete did not grant the '{missing}' scope; connect again asking for it.");
            throw new IntegrationException(code, message)
            {
                Provider = provider,
                IntegrationId = request is null ? null : StravaRequests.IntegrationId(request),
                StatusCode = status,
                ProviderError = fault?.ProviderError,
                IsTransient = code is IntegrationErrorCode.RateLimitExceeded or IntegrationErrorCode.ConnectionError
                    || (code == IntegrationErrorCode.ProviderUnavailable && status is not 501 and not 505),
                RetryAfter = response.GetRetryAfter(time),
            };
        }
    }

    /// <summary>Checks the status, then reads the JSON body; a body that is not the expected JSON (HTML, broken, too large) is <see cref="IntegrationErrorCode.InvalidResponse"/>.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string provider, TimeProvider time, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, provider, time, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw Invalid(provider, response, "the body is null", null);
            }
        }
        catch (JsonException ex)
        {
            throw Invalid(provider, response, "the body is not the JSON Strava documents", ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw Invalid(provider, response, $"the body is larger than {MaxBodyBytes} bytes", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new IntegrationException(IntegrationErrorCode.ConnectionError, $"{provider}: the connection broke while reading Strava's answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}.", ex)
            {
                Provider = provider,
                IsTransient = true,
                IntegrationId = response.RequestMessage is { } request ? StravaRequests.IntegrationId(request) : null,
            };
        }
    }

    private static IntegrationException Invalid(string provider, HttpResponseMessage response, string reason, Exception? inner) =>
        new(IntegrationErrorCode.InvalidResponse, $"{provider}: Strava's answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} cannot be read: {reason}.", inner)
        {
            Provider = provider,
            StatusCode = (int)response.StatusCode,
            IntegrationId = response.RequestMessage is { } request ? StravaRequests.IntegrationId(request) : null,
        };

    /// <summary>Reads a Fault from an error body (buffered, so it can be read again); <see langword="null"/> when the body is too large, broken or no Fault.</summary>
    public static async Task<StravaFault?> ReadFaultAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is > MaxFaultBytes)
        {
            return null;
        }

        try
        {
            await content.LoadIntoBufferAsync(MaxFaultBytes, cancellationToken).ConfigureAwait(false);
            return StravaFault.TryRead(await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null;
        }
    }
}
