using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Integrations.Testing.Internal;

namespace Integrations.Testing;

/// <summary>
/// The sync source and target of the sandbox resource: what a provider package writes for a real
/// API, mapping the listing to pages and the HTTP errors to the engine's signals (410 to
/// <see cref="SyncCursorExpiredException"/>, 429 to <see cref="IntegrationErrorCode.RateLimitExceeded"/>
/// with <c>Retry-After</c>, 412 to <see cref="IntegrationErrorCode.ConcurrencyConflict"/>, ...).
/// </summary>
/// <param name="httpClient">A client whose base address is <see cref="SandboxSyncServer.BaseAddress"/> (see <see cref="SandboxSyncBuilderExtensions.AddSandboxSync"/>).</param>
/// <param name="accessTokens">Supplies the bearer token per integration, or <see langword="null"/> to send a fixed sandbox token.</param>
/// <param name="timeProvider">The clock a <c>Retry-After</c> date is measured against; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
public sealed class SandboxSyncSource(HttpClient httpClient, IAccessTokenProvider? accessTokens = null, TimeProvider? timeProvider = null)
    : ISyncSource<SandboxItemData>, ISyncTarget<SandboxItemData>
{
    private const string FixedToken = "sandbox-access-token";
    private const string Provider = "sandbox";

    /// <inheritdoc />
    public async Task<SyncPage<SandboxItemData>> FetchPageAsync(SyncContext context, SyncPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var uri = new StringBuilder("items?maxResults=").Append(request.PageSize.ToString(CultureInfo.InvariantCulture));
        if (request.PageToken is not null)
        {
            uri.Append("&pageToken=").Append(Uri.EscapeDataString(request.PageToken));
        }

        if (request.Cursor is not null)
        {
            uri.Append("&syncToken=").Append(Uri.EscapeDataString(request.Cursor));
        }
        else if (request.DateRange is { } range)
        {
            // Like Google: the window is part of the full sync only; the sync token remembers it.
            AppendTime(uri, "timeMin", range.From);
            AppendTime(uri, "timeMax", range.To);
        }

        using var message = new HttpRequestMessage(HttpMethod.Get, uri.ToString());
        using var response = await SendAsync(context, message, cancellationToken).ConfigureAwait(false);
        var page = await ReadAsync(response, SandboxSyncJsonContext.Default.SandboxWirePage, cancellationToken).ConfigureAwait(false);
        var items = new SyncItem<SandboxItemData>[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = page.Items[i];
            items[i] = item.Deleted
                ? SyncItem<SandboxItemData>.Deleted(item.Id, item.ETag)
                : SyncItem<SandboxItemData>.Upserted(item.Id, item.ETag, new SandboxItemData(item.Title ?? "", item.Notes, item.Start), item.Updated);
        }

        return new SyncPage<SandboxItemData>(items, page.NextPageToken, page.NextSyncToken, page.TotalItems);
    }

    /// <inheritdoc />
    public async Task<SyncRemoteResult> CreateAsync(SyncContext context, SyncRemoteCreate<SandboxItemData> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        using var message = new HttpRequestMessage(HttpMethod.Post, "items") { Content = Body(create.Data) };
        message.Headers.Add("Idempotency-Key", create.IdempotencyKey);
        using var response = await SendAsync(context, message, cancellationToken).ConfigureAwait(false);
        var item = await ReadAsync(response, SandboxSyncJsonContext.Default.SandboxWireItem, cancellationToken).ConfigureAwait(false);
        return new SyncRemoteResult(item.Id, item.ETag);
    }

    /// <inheritdoc />
    public async Task<SyncRemoteResult> UpdateAsync(SyncContext context, SyncRemoteUpdate<SandboxItemData> update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var message = new HttpRequestMessage(HttpMethod.Put, "items/" + Uri.EscapeDataString(update.ExternalId)) { Content = Body(update.Data) };
        Precondition(message, update.ExpectedRemoteVersion, update.IdempotencyKey);
        using var response = await SendAsync(context, message, cancellationToken).ConfigureAwait(false);
        var item = await ReadAsync(response, SandboxSyncJsonContext.Default.SandboxWireItem, cancellationToken).ConfigureAwait(false);
        return new SyncRemoteResult(item.Id, item.ETag);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(SyncContext context, SyncRemoteDelete delete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delete);
        using var message = new HttpRequestMessage(HttpMethod.Delete, "items/" + Uri.EscapeDataString(delete.ExternalId));
        Precondition(message, delete.ExpectedRemoteVersion, delete.IdempotencyKey);
        using var response = await SendAsync(context, message, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            // Gone already counts as deleted.
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(SyncContext context, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var token = accessTokens is null ? FixedToken : (await accessTokens.GetAccessTokenAsync(context.Key, cancellationToken).ConfigureAwait(false)).Value;
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new IntegrationException(IntegrationErrorCode.InvalidResponse, "The sandbox returned an empty body.");
            }
        }
        catch (JsonException ex)
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidResponse, "The sandbox returned JSON that could not be read.", ex);
        }
    }

    /// <summary>
    /// The shared mapping of failed responses (<see cref="IntegrationHttpResponseMessageExtensions.EnsureIntegrationSuccessAsync"/>),
    /// plus the sandbox's own signals: <c>410 fullSyncRequired</c> is an expired cursor, and <c>404</c>
    /// on an item a conflict (it was deleted meanwhile; the next pull settles it).
    /// </summary>
    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.EnsureIntegrationSuccessAsync(Provider, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (IntegrationException ex) when (ex.StatusCode == (int)HttpStatusCode.Gone && ex.ProviderError == "fullSyncRequired")
        {
            throw new SyncCursorExpiredException();
        }
        catch (IntegrationException ex) when (ex.StatusCode == (int)HttpStatusCode.NotFound)
        {
            throw new IntegrationException(IntegrationErrorCode.ConcurrencyConflict, ex.Message, ex)
            {
                Provider = ex.Provider,
                StatusCode = ex.StatusCode,
                ProviderError = ex.ProviderError,
            };
        }
    }

    private static void Precondition(HttpRequestMessage message, string? expectedVersion, string idempotencyKey)
    {
        if (expectedVersion is not null)
        {
            message.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{expectedVersion}\""));
        }

        message.Headers.Add("Idempotency-Key", idempotencyKey);
    }

    private static ByteArrayContent Body(SandboxItemData data)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
            new SandboxWireWrite { Title = data.Title, Notes = data.Notes, Start = data.Start },
            SandboxSyncJsonContext.Default.SandboxWireWrite));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void AppendTime(StringBuilder uri, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            uri.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture)));
        }
    }
}
