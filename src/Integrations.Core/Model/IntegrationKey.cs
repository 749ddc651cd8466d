namespace Integrations;

/// <summary>
/// Identifies one integration together with its owner: what the token provider, the HTTP handlers
/// and the sync engine need to find an integration safely.
/// </summary>
/// <param name="Id">The integration id.</param>
/// <param name="Owner">The integration's owner.</param>
public readonly record struct IntegrationKey(Guid Id, IntegrationOwner Owner);
