using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>
/// The default <see cref="IIntegrationManager"/>: the connect flow (<c>IntegrationManager.Connect.cs</c>)
/// and the management of existing integrations (<c>IntegrationManager.Manage.cs</c>).
/// </summary>
internal sealed partial class IntegrationManager(
    IOAuthProviderRegistry providers,
    IIntegrationStore store,
    IPendingAuthorizationStore pendingAuthorizations,
    ITokenProtector tokenProtector,
    IDataProtectionProvider dataProtection,
    AccessTokenCache accessTokenCache,
    IntegrationEventDispatcher events,
    IntegrationsTelemetry telemetry,
    IOptions<IntegrationsOptions> options,
    TimeProvider timeProvider,
    ILogger<IntegrationManager> logger) : IIntegrationManager
{
    /// <summary>The Data Protection purpose of PKCE verifiers; each is further bound to its state hash.</summary>
    internal const string VerifierPurpose = "Integrations.PendingAuthorization.v1";

    // A write that keeps losing races after this many reads is a real conflict, not bad luck.
    private const int MaxWriteAttempts = 5;

    private readonly IDataProtector _verifierProtector = dataProtection.CreateProtector(VerifierPurpose);

    private IDataProtector VerifierProtector(string stateHash) => _verifierProtector.CreateProtector(stateHash);

    /// <summary>
    /// Raises an event after a write has happened. Not cancellable by the caller: once the store
    /// changed, handlers (data-deletion hooks, the sync engine) must hear about it.
    /// </summary>
    private Task RaiseAsync(IntegrationEventType type, Integration integration, string? reason = null) =>
        events.RaiseAsync(new IntegrationEvent(type, integration, timeProvider.GetUtcNow(), reason), CancellationToken.None);

    private static void RequireOwner(IntegrationOwner owner, string parameterName)
    {
        if (string.IsNullOrEmpty(owner.UserId))
        {
            throw new ArgumentException("The owner has no user id.", parameterName);
        }
    }
}
