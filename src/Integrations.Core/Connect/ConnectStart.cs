namespace Integrations;

/// <summary>The result of beginning a connect flow: where to send the user.</summary>
/// <param name="AuthorizationUrl">The provider's authorization URL, with state and PKCE challenge.</param>
/// <param name="State">The state value (also in the URL), for hosts that bind it to a cookie.</param>
/// <param name="ExpiresAt">When the state stops being accepted.</param>
public sealed record ConnectStart(Uri AuthorizationUrl, string State, DateTimeOffset ExpiresAt);
