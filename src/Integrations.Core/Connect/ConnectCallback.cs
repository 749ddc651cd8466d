using System.Collections.Immutable;
using System.Web;

namespace Integrations;

/// <summary>The parameters the provider sent back to the redirect URI.</summary>
public sealed record ConnectCallback
{
    /// <summary>The <c>state</c> parameter.</summary>
    public string? State { get; init; }

    /// <summary>The authorization code, on success.</summary>
    public string? Code { get; init; }

    /// <summary>The OAuth error code (for example <c>access_denied</c>), on failure.</summary>
    public string? Error { get; init; }

    /// <summary>The provider's description of the error.</summary>
    public string? ErrorDescription { get; init; }

    /// <summary>The issuer (<c>iss</c>, RFC 9207), when the provider sends it.</summary>
    public string? Issuer { get; init; }

    /// <summary>Every parameter of the callback, including those above.</summary>
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Reads a callback from query parameters (for example ASP.NET Core's <c>Request.Query</c>).</summary>
    /// <param name="parameters">The parameters; the first value of each name counts.</param>
    /// <returns>The callback.</returns>
    public static ConnectCallback FromParameters(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (value is not null && !builder.ContainsKey(name))
            {
                builder.Add(name, value);
            }
        }

        var all = builder.ToImmutable();
        return new ConnectCallback
        {
            State = all.GetValueOrDefault("state"),
            Code = all.GetValueOrDefault("code"),
            Error = all.GetValueOrDefault("error"),
            ErrorDescription = all.GetValueOrDefault("error_description"),
            Issuer = all.GetValueOrDefault("iss"),
            Parameters = all,
        };
    }

    /// <summary>Reads a callback from the URL the provider redirected to.</summary>
    /// <param name="callbackUri">The full callback URL with its query.</param>
    /// <returns>The callback.</returns>
    public static ConnectCallback FromUri(Uri callbackUri)
    {
        ArgumentNullException.ThrowIfNull(callbackUri);
        var query = HttpUtility.ParseQueryString(callbackUri.Query);
        return FromParameters(query.AllKeys
            .Where(k => k is not null)
            .Select(k => new KeyValuePair<string, string?>(k!, query[k])));
    }
}
