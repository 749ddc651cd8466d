namespace Integrations.Testing.Internal;

internal enum SandboxFailureKind
{
    Response,
    Slow,
    NetworkError,
    ResponseLost,
}
