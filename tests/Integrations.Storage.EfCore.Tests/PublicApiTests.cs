namespace Integrations.Storage.EfCore.Tests;

/// <summary>The package's public surface is small on purpose: everything else is internal.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_types_are_the_three_entry_points_in_the_package_namespace_and_cannot_be_derived_from()
    {
        var types = typeof(IntegrationsDbContext).Assembly.GetExportedTypes();

        Assert.Equal(
            ["EntityFrameworkCoreIntegrationsBuilderExtensions", "IntegrationsDbContext", "IntegrationsModelBuilderExtensions"],
            types.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(types, t => Assert.Equal("Integrations.Storage.EfCore", t.Namespace));
        Assert.All(types, t => Assert.True(t.IsSealed, $"{t.Name} is neither sealed nor static."));
    }
}
