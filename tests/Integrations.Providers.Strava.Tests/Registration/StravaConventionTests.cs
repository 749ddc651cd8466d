using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava.Tests.Registration;

/// <summary>The SDK's public API conventions, checked on this package's assembly.</summary>
public sealed class StravaConventionTests
{
    private static readonly Assembly Package = typeof(StravaOptions).Assembly;

    [Fact]
    public void The_public_api_is_sealed_or_static_and_lives_in_the_package_namespace()
    {
        var types = Package.GetExportedTypes();

        Assert.Empty(types.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Select(t => t.FullName));
        Assert.Empty(types.Where(t => t.Namespace != "Integrations.Providers.Strava").Select(t => t.FullName));
    }

    [Fact]
    public void Public_async_methods_end_in_Async_and_take_a_cancellation_token_last()
    {
        var offenders = Package.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.Name != "DisposeAsync" && typeof(Task).IsAssignableFrom(m.ReturnType))
            .Where(m => !m.Name.EndsWith("Async", StringComparison.Ordinal) || m.GetParameters() is not [.., { ParameterType: var last }] || last != typeof(CancellationToken))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Empty(offenders);
    }

    [Fact]
    public void Log_event_ids_are_unique_and_in_the_Strava_range()
    {
        var ids = Package.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.EventId)
            .OfType<int>()
            .ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 7000, 7099));
    }
}
