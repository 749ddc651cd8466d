using System.Net.Http.Json;
using System.Text.Json;

namespace Integrations.Sample;

/// <summary>
/// What the sample needs from the provider's discovery document: the userinfo endpoint (the API it
/// calls), the revocation endpoint (to prove the disconnect) and the supported scopes (to ask for
/// offline access). The SDK reads the same document for its own use; a host rarely needs to.
/// </summary>
internal sealed record ProviderMetadata(Uri? UserInfoEndpoint, Uri? RevocationEndpoint, IReadOnlySet<string> ScopesSupported)
{
    public static async Task<ProviderMetadata> ReadAsync(HttpClient http, string authority, CancellationToken cancellationToken)
    {
        var url = authority.TrimEnd('/') + "/.well-known/openid-configuration";
        JsonElement document;
        try
        {
            document = await http.GetFromJsonAsync<JsonElement>(url, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException)
        {
            throw new SampleException($"Could not read the provider's discovery document at {url}: {ex.Message} Is --authority the issuer URL?");
        }

        return new ProviderMetadata(
            Endpoint(document, "userinfo_endpoint"),
            Endpoint(document, "revocation_endpoint"),
            document.TryGetProperty("scopes_supported", out var scopes) && scopes.ValueKind == JsonValueKind.Array
                ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>(StringComparer.Ordinal));
    }

    private static Uri? Endpoint(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri) ? uri : null;
}
