using System.Reflection;

namespace Integrations.Core.Tests.Conventions;

/// <summary>
/// Reflection checks of the public API (the Duende pattern): cheap, strict, and they fail the build
/// of a change that forgets a convention.
/// </summary>
public sealed class PublicApiConventionTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(Integration).Assembly.GetName().Name!,
        typeof(Integrations.Testing.SandboxAuthorizationServer).Assembly.GetName().Name!,
        typeof(Integrations.Storage.EfCore.IntegrationsDbContext).Assembly.GetName().Name!,
    };

    // Base classes meant to be derived from that have no virtual members of their own.
    private static readonly HashSet<Type> DesignedForInheritance = [typeof(OAuthProviderOptions), typeof(OpenIdConnectProviderOptions)];

    private static IEnumerable<Type> PublicTypes(string assembly) =>
        Assembly.Load(assembly).GetExportedTypes();

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_classes_are_sealed_static_or_designed_for_inheritance(string assembly)
    {
        var offenders = PublicTypes(assembly)
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t) && !IsDesignedForInheritance(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Public_async_methods_end_in_Async_and_take_a_cancellation_token_last(string assembly)
    {
        var offenders = new List<string>();
        foreach (var type in PublicTypes(assembly))
        {
            foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                if (method.IsSpecialName || !IsAwaitable(method.ReturnType) || IsExempt(method))
                {
                    continue;
                }

                if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    offenders.Add($"{type.Name}.{method.Name}: name does not end in Async");
                }

                var parameters = method.GetParameters();
                if (parameters.Length == 0 || parameters[^1].ParameterType != typeof(CancellationToken))
                {
                    offenders.Add($"{type.Name}.{method.Name}: last parameter is not a CancellationToken");
                }
            }
        }

        Assert.Empty(offenders);
    }

    // A class is designed for inheritance when it introduces overridable members, or derives from a
    // class of its own package that does (a provider base and its specializations). Overrides of a
    // framework base (a DbContext's OnModelCreating) do not count.
    private static bool IsDesignedForInheritance(Type type) =>
        DesignedForInheritance.Contains(type)
        || type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Any(m => m.IsVirtual && !m.IsFinal && (m.IsPublic || m.IsFamily) && m.GetBaseDefinition() == m)
        || (type.BaseType is { } baseType && baseType.Assembly == type.Assembly && IsDesignedForInheritance(baseType));

    private static bool IsAwaitable(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));

    // HttpMessageHandler overrides and IAsyncDisposable have signatures fixed by the framework.
    private static bool IsExempt(MethodInfo method) =>
        method.Name is "DisposeAsync"
        || (method.GetBaseDefinition().DeclaringType is { } declaring && declaring.Assembly != method.DeclaringType!.Assembly);
}
