using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Integrations.Internal;

/// <summary>
/// The signing keys of a JWKS document (RFC 7517) and JWS signature checks (RFC 7515/7518) for
/// RS256/384/512, PS256/384/512 and ES256/384/512, with System.Security.Cryptography only.
/// Keys that cannot be used (encryption keys, RSA below 2048 bits, unknown curves) are skipped.
/// </summary>
internal sealed class JsonWebKeySet
{
    private readonly IReadOnlyList<Key> _keys;

    private JsonWebKeySet(IReadOnlyList<Key> keys) => _keys = keys;

    public static bool IsSupported(string? algorithm) => Describe(algorithm) is not null;

    public static JsonWebKeySet Parse(JsonElement document)
    {
        List<Key> keys = [];
        if (document.ValueKind == JsonValueKind.Object && document.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var jwk in array.EnumerateArray())
            {
                if (TryReadKey(jwk) is { } key)
                {
                    keys.Add(key);
                }
            }
        }

        return new JsonWebKeySet(keys);
    }

    /// <summary>Checks the token's signature with the keys that fit its <c>kid</c> and <c>alg</c>.</summary>
    public SignatureCheck Verify(JsonWebToken token)
    {
        if (Describe(token.Algorithm) is not { } algorithm)
        {
            return SignatureCheck.Invalid;
        }

        var kid = token.KeyId;
        var candidates = _keys.Where(k => k.Type == algorithm.KeyType
            && (kid is null || k.Id == kid)
            && (k.Algorithm is null || k.Algorithm == token.Algorithm)
            && (k.Curve is null || k.Curve == algorithm.Curve)).ToList();
        if (candidates.Count == 0)
        {
            return SignatureCheck.KeyNotFound;
        }

        foreach (var key in candidates)
        {
            if (VerifyWith(key, algorithm, token))
            {
                return SignatureCheck.Valid;
            }
        }

        // Without a kid the signer may be a key published after our copy: worth one refetch.
        return kid is null ? SignatureCheck.KeyNotFound : SignatureCheck.Invalid;
    }

    private static bool VerifyWith(Key key, Algorithm algorithm, JsonWebToken token)
    {
        try
        {
            if (key.Rsa is { } rsaParameters)
            {
                using var rsa = RSA.Create(rsaParameters);
                return rsa.VerifyData(token.SigningInput, token.Signature, algorithm.Hash, algorithm.Padding!);
            }

            using var ecdsa = ECDsa.Create(key.Ec!.Value);
            return ecdsa.VerifyData(token.SigningInput, token.Signature, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static Key? TryReadKey(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object || (Text(jwk, "use") is { } use && use != "sig"))
        {
            return null;
        }

        try
        {
            switch (Text(jwk, "kty"))
            {
                case "RSA" when Bytes(jwk, "n") is { } modulus && Bytes(jwk, "e") is { } exponent:
                    modulus = modulus.AsSpan().TrimStart((byte)0).ToArray();
                    return modulus.Length < 256
                        ? null
                        : new Key(Text(jwk, "kid"), "RSA", Text(jwk, "alg"), null, new RSAParameters { Modulus = modulus, Exponent = exponent }, null);
                case "EC" when Text(jwk, "crv") is { } crv && Bytes(jwk, "x") is { } x && Bytes(jwk, "y") is { } y:
                    ECCurve? curve = crv switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        _ => null,
                    };
                    return curve is null
                        ? null
                        : new Key(Text(jwk, "kid"), "EC", Text(jwk, "alg"), crv, null, new ECParameters { Curve = curve.Value, Q = new ECPoint { X = x, Y = y } });
                default:
                    return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Algorithm? Describe(string? algorithm) => algorithm switch
    {
        "RS256" => new("RSA", HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, null),
        "RS384" => new("RSA", HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1, null),
        "RS512" => new("RSA", HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1, null),
        "PS256" => new("RSA", HashAlgorithmName.SHA256, RSASignaturePadding.Pss, null),
        "PS384" => new("RSA", HashAlgorithmName.SHA384, RSASignaturePadding.Pss, null),
        "PS512" => new("RSA", HashAlgorithmName.SHA512, RSASignaturePadding.Pss, null),
        "ES256" => new("EC", HashAlgorithmName.SHA256, null, "P-256"),
        "ES384" => new("EC", HashAlgorithmName.SHA384, null, "P-384"),
        "ES512" => new("EC", HashAlgorithmName.SHA512, null, "P-521"),
        _ => null,
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement obj, string name) =>
        Text(obj, name) is { Length: > 0 } text ? Base64Url.DecodeFromChars(text) : null;

    private sealed record Algorithm(string KeyType, HashAlgorithmName Hash, RSASignaturePadding? Padding, string? Curve);

    private sealed record Key(string? Id, string Type, string? Algorithm, string? Curve, RSAParameters? Rsa, ECParameters? Ec);
}

/// <summary>The outcome of a signature check.</summary>
internal enum SignatureCheck
{
    Valid,
    Invalid,
    KeyNotFound,
}
