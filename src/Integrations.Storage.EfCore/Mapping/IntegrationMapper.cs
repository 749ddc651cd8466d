using System.Runtime.InteropServices;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Converts between the public <see cref="Integration"/> record and its row.</summary>
internal static class IntegrationMapper
{
    /// <summary>The stored tenant of an owner without tenant (see <see cref="IntegrationEntity.TenantId"/>).</summary>
    public const string NoTenant = "";

    public static string StoredTenant(string? tenantId) => string.IsNullOrEmpty(tenantId) ? NoTenant : tenantId;

    /// <summary>The owner's tenant of a stored one: <see langword="null"/> for <see cref="NoTenant"/>.</summary>
    public static string? ModelTenant(string storedTenant) => storedTenant.Length == 0 ? null : storedTenant;

    public static IntegrationEntity ToEntity(Integration integration, long version) => new()
    {
        Id = integration.Id,
        TenantId = StoredTenant(integration.TenantId),
        UserId = integration.UserId,
        Provider = integration.Provider,
        DisplayName = integration.DisplayName,
        ExternalAccountId = integration.Account.Id,
        ExternalUsername = integration.Account.Username,
        ExternalEmail = integration.Account.Email,
        ExternalName = integration.Account.Name,
        ExternalAvatarUrl = integration.Account.AvatarUrl,
        ExternalProfile = StorageJson.WriteElement(integration.Account.RawProfile),
        GrantedScopes = integration.GrantedScopes.IsDefault ? [] : [.. integration.GrantedScopes],
        Status = (int)integration.Status,
        TokenCiphertext = integration.Tokens?.Ciphertext,
        AccessTokenExpiresAt = Timestamps.ToStorage(integration.Tokens?.AccessTokenExpiresAt),
        HasRefreshToken = integration.Tokens?.HasRefreshToken ?? false,
        RefreshTokenExpiresAt = Timestamps.ToStorage(integration.Tokens?.RefreshTokenExpiresAt),
        LastErrorCode = integration.Health.LastErrorCode is { } code ? ErrorCodeNames.Write(code) : null,
        LastErrorMessage = integration.Health.LastErrorMessage,
        LastErrorAt = Timestamps.ToStorage(integration.Health.LastErrorAt),
        ConsecutiveErrors = integration.Health.ConsecutiveErrors,
        LastUsedAt = Timestamps.ToStorage(integration.Health.LastUsedAt),
        LastSyncAt = Timestamps.ToStorage(integration.Health.LastSyncAt),
        Settings = StorageJson.WriteSettings(integration.Settings),
        Metadata = StorageJson.WriteDictionary(integration.Metadata),
        NextSyncAt = Timestamps.ToStorage(integration.NextSyncAt),
        CreatedAt = Timestamps.ToStorage(integration.CreatedAt),
        UpdatedAt = Timestamps.ToStorage(integration.UpdatedAt),
        Version = version,
    };

    public static Integration ToModel(IntegrationEntity e) => new()
    {
        Id = e.Id,
        TenantId = ModelTenant(e.TenantId),
        UserId = e.UserId,
        Provider = e.Provider,
        DisplayName = e.DisplayName,
        Account = new ExternalAccount(e.ExternalAccountId)
        {
            Username = e.ExternalUsername,
            Email = e.ExternalEmail,
            Name = e.ExternalName,
            AvatarUrl = e.ExternalAvatarUrl,
            RawProfile = StorageJson.ReadElement(e.ExternalProfile),
        },
        // The row's array is not shared: wrap it instead of copying.
        GrantedScopes = ImmutableCollectionsMarshal.AsImmutableArray(e.GrantedScopes),
        Status = (IntegrationStatus)e.Status,
        Tokens = e.TokenCiphertext is null
            ? null
            : new ProtectedTokenSet(e.TokenCiphertext, e.AccessTokenExpiresAt, e.HasRefreshToken, e.RefreshTokenExpiresAt),
        Health = new IntegrationHealth
        {
            LastErrorCode = e.LastErrorCode is null ? null : ErrorCodeNames.Read(e.LastErrorCode),
            LastErrorMessage = e.LastErrorMessage,
            LastErrorAt = e.LastErrorAt,
            ConsecutiveErrors = e.ConsecutiveErrors,
            LastUsedAt = e.LastUsedAt,
            LastSyncAt = e.LastSyncAt,
        },
        Settings = StorageJson.ReadSettings(e.Settings),
        Metadata = StorageJson.ReadDictionary(e.Metadata, StringComparer.Ordinal),
        NextSyncAt = e.NextSyncAt,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        Version = e.Version,
    };
}
