using System.Text;

namespace Integrations.Internal;

/// <summary><c>application/x-www-form-urlencoded</c> encoding, as the token and revocation endpoints expect it.</summary>
internal static class FormEncoding
{
    /// <summary>Encodes one name or value the way <see cref="FormUrlEncodedContent"/> does.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>
    /// The <c>Basic</c> credentials of RFC 6749 §2.3.1: client id and secret are form-urlencoded
    /// before they are joined with a colon and base64-encoded.
    /// </summary>
    public static string BasicCredentials(string clientId, string clientSecret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Encode(clientId) + ":" + Encode(clientSecret)));

    /// <summary>Appends query parameters to a URL, keeping any query it already has.</summary>
    public static Uri AppendQuery(Uri baseUri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var builder = new StringBuilder(baseUri.AbsoluteUri.Length + 256);
        var fragment = baseUri.Fragment;
        builder.Append(baseUri.AbsoluteUri, 0, baseUri.AbsoluteUri.Length - fragment.Length);
        var separator = string.IsNullOrEmpty(baseUri.Query) ? '?' : '&';
        foreach (var (name, value) in parameters)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }
}
