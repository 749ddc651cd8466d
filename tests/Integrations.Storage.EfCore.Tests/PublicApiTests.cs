namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The package's public surface is small on purpose: everything else is internal. The conventions
/// every package follows (sealed classes, Async names, cancellation tokens) are checked for this
/// assembly too, by PublicApiConventionTests in Integrations.Core.Tests.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_types_are_the_three_entry_points_in_the_package_namespace()
    {
        var types = typeof(IntegrationsDbContext).Assembly.GetExportedTypes();

        Assert.Equal(
            ["EntityFrameworkCoreIntegrationsBuilderExtensions", "IntegrationsDbContext", "IntegrationsModelBuilderExtensions"],
            types.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(types, t => Assert.Equal("Integrations.Storage.EfCore", t.Namespace));
    }
}
