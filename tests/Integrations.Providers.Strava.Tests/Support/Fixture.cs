namespace Integrations.Providers.Strava.Tests.Support;

/// <summary>The canned Strava responses in <c>Fixtures/</c>, shaped like Strava's documented ones.</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
