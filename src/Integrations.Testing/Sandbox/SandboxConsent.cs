using System.Collections.Frozen;

namespace Integrations.Testing;

/// <summary>
/// What the simulated user answers on the sandbox's consent page. Set it on
/// <see cref="SandboxAuthorizationServer.Consent"/>; it applies to every later authorization request.
/// </summary>
public sealed class SandboxConsent
{
    private SandboxConsent(bool approved, FrozenSet<string> withheldScopes)
    {
        IsApproved = approved;
        WithheldScopes = withheldScopes;
    }

    /// <summary>The user approves every requested scope (the default).</summary>
    public static SandboxConsent Approve { get; } = new(true, FrozenSet<string>.Empty);

    /// <summary>The user refuses: the callback carries <c>error=access_denied</c>.</summary>
    public static SandboxConsent Deny { get; } = new(false, FrozenSet<string>.Empty);

    /// <summary>Whether the user approves.</summary>
    public bool IsApproved { get; }

    /// <summary>Scopes the user unticks on the consent page: they are not granted even when requested.</summary>
    public IReadOnlySet<string> WithheldScopes { get; }

    /// <summary>The user approves, but unticks some scopes (granular consent, as Google and Microsoft offer).</summary>
    /// <param name="withheldScopes">The scopes not granted.</param>
    /// <returns>The consent.</returns>
    public static SandboxConsent ApproveExcept(params IEnumerable<string> withheldScopes)
    {
        ArgumentNullException.ThrowIfNull(withheldScopes);
        return new(true, withheldScopes.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString() =>
        !IsApproved ? "Deny" : WithheldScopes.Count == 0 ? "Approve" : $"ApproveExcept({string.Join(' ', WithheldScopes)})";
}
