using System.Net;
using System.Text.Json;

namespace Integrations.TestSupport.Oidc;

/// <summary>A response of a direct call to the server.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Json">The JSON body; <c>default</c> (undefined) when the body was empty.</param>
public sealed record OidcResponse(HttpStatusCode Status, JsonElement Json)
{
    /// <summary>The <c>error</c> member of an OAuth error body.</summary>
    public string? Error => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("error", out var error) ? error.GetString() : null;
}
