using System.Runtime.InteropServices;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Converts between the public <see cref="PendingAuthorization"/> record and its row.</summary>
internal static class PendingAuthorizationMapper
{
    public static PendingAuthorizationEntity ToEntity(PendingAuthorization a) => new()
    {
        StateHash = a.StateHash,
        TenantId = string.IsNullOrEmpty(a.TenantId) ? null : a.TenantId,
        UserId = a.UserId,
        Provider = a.Provider,
        Scopes = a.Scopes.IsDefault ? [] : [.. a.Scopes],
        RedirectUri = a.RedirectUri.OriginalString,
        ProtectedCodeVerifier = a.ProtectedCodeVerifier,
        Nonce = a.Nonce,
        DisplayName = a.DisplayName,
        Properties = StorageJson.WriteDictionary(a.Properties),
        CreatedAt = Timestamps.ToStorage(a.CreatedAt),
        ExpiresAt = Timestamps.ToStorage(a.ExpiresAt),
    };

    public static PendingAuthorization ToModel(PendingAuthorizationEntity e) => new()
    {
        StateHash = e.StateHash,
        TenantId = e.TenantId,
        UserId = e.UserId,
        Provider = e.Provider,
        Scopes = ImmutableCollectionsMarshal.AsImmutableArray(e.Scopes),
        RedirectUri = new Uri(e.RedirectUri, UriKind.RelativeOrAbsolute),
        ProtectedCodeVerifier = e.ProtectedCodeVerifier,
        Nonce = e.Nonce,
        DisplayName = e.DisplayName,
        Properties = StorageJson.ReadDictionary(e.Properties),
        CreatedAt = e.CreatedAt,
        ExpiresAt = e.ExpiresAt,
    };
}
