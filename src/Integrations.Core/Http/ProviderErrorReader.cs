using System.Buffers;
using System.Text.Json;

namespace Integrations.Internal;

/// <summary>
/// Reads the provider's own error code from a failed API response, if the body is small JSON in
/// one of the common envelopes: <c>{"error":"code"}</c> (OAuth), <c>{"error":{"errors":[{"reason":...}]}}</c>
/// (Google), <c>{"error":{"code":"..."}}</c> (Microsoft Graph), <c>{"error":{"status":"..."}}</c>
/// (Google RPC). Anything else (HTML, text, broken or oversized JSON) gives <see langword="null"/>.
/// Only short identifier-like codes are returned, so a body can never smuggle a token into a message.
/// </summary>
internal static class ProviderErrorReader
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxCodeLength = 100;

    public static async ValueTask<string?> ReadAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null || !MayBeJson(content.Headers.ContentType?.MediaType) || content.Headers.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var length = await stream.ReadAtLeastAsync(buffer.AsMemory(0, MaxBodyBytes + 1), MaxBodyBytes + 1, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return length > MaxBodyBytes ? null : Parse(buffer.AsMemory(0, length));
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool MayBeJson(string? mediaType) =>
        mediaType is null
        || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase);

    private static string? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return null;
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                return Sanitize(error.GetString());
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].ValueKind == JsonValueKind.Object && StringProperty(errors[0], "reason") is { } reason)
            {
                return reason;
            }

            return StringProperty(error, "code") ?? StringProperty(error, "status");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Sanitize(value.GetString()) : null;

    private static string? Sanitize(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeLength)
        {
            return null;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or ':'))
            {
                return null;
            }
        }

        return code;
    }
}
