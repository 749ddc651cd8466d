namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Error codes are stored by name: names survive new codes being added, numbers may not. A name this
/// version does not know (written by a newer one) reads as <see cref="IntegrationErrorCode.Unknown"/>.
/// </summary>
internal static class ErrorCodeNames
{
    public static string Write(IntegrationErrorCode code) => code.ToString();

    public static IntegrationErrorCode Read(string name) =>
        Enum.TryParse<IntegrationErrorCode>(name, out var code) ? code : IntegrationErrorCode.Unknown;
}
