using System.Globalization;

namespace Integrations.Sample;

/// <summary>The printing both flows share: an integration, its profile, a token change.</summary>
internal static class Show
{
    public static void Connected(SampleConsole console, ConnectResult result, string storeName)
    {
        var integration = result.Integration;
        console.Ok($"Connected: integration {integration.Id} ({(result.IsNew ? "new" : "an existing one, reconnected")}), status {integration.Status}, saved in {storeName}.");
        if (integration.Tokens is { } tokens)
        {
            // What the store holds: one ciphertext plus the facts it needs to query; never a token.
            console.Detail("stored tokens", $"encrypted ({tokens.Ciphertext.Length} chars of ciphertext), access token expires {Time(tokens.AccessTokenExpiresAt)}, refresh token: {(tokens.HasRefreshToken ? "yes" : "no")}");
        }
    }

    public static void Profile(SampleConsole console, Integration integration)
    {
        var account = integration.Account;
        console.Table(
        [
            ("display name", integration.DisplayName),
            ("account id", account.Id),
            ("user name", account.Username),
            ("name", account.Name),
            ("e-mail", account.Email),
            ("picture", account.AvatarUrl),
            ("granted scopes", string.Join(' ', integration.GrantedScopes)),
            ("status", integration.Status.ToString()),
        ]);
    }

    /// <summary>Prints the old and new token side by side and checks that the refresh really replaced it.</summary>
    public static void TokenChange(SampleConsole console, AccessToken before, AccessToken after)
    {
        console.Detail("old access token", $"{Fingerprint.Of(before.Value)}, expires {Time(before.ExpiresAt)}");
        console.Detail("new access token", $"{Fingerprint.Of(after.Value)}, expires {Time(after.ExpiresAt)}");
        if (after.Value == before.Value)
        {
            throw new SampleException("The refresh returned the same access token.");
        }

        console.Ok("Refreshed: a new access token, saved (encrypted) before it was handed out.");
    }

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "never";

    /// <summary>Shows a URL's parameter names but not their values (the code and state are one-time secrets).</summary>
    public static string Redacted(Uri url)
    {
        var names = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]);
        return $"{url.GetLeftPart(UriPartial.Path)}?{string.Join("&", names.Select(n => n + "=…"))}";
    }
}
