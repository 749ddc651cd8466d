namespace Integrations.Testing;

/// <summary>Identifies the Integrations.Testing assembly (for assembly scanning and convention tests).</summary>
public static class SandboxMarker
{
}
