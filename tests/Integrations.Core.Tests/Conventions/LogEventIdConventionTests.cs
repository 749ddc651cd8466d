using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Integrations.Core.Tests.Conventions;

/// <summary>
/// Every [LoggerMessage] of the SDK has its own event id, so a log query by id finds one message.
/// Ranges by feature: 1000 events, 2000 connect/providers, 3000 tokens, 4000 HTTP, 5000 sync.
/// </summary>
public sealed class LogEventIdConventionTests
{
    [Fact]
    public void LoggerMessage_event_ids_are_unique_across_the_sdk()
    {
        var assemblies = new[] { typeof(Integration).Assembly, typeof(Integrations.Testing.SandboxAuthorizationServer).Assembly };
        var messages = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();

        var duplicates = messages
            .GroupBy(x => x.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => $"{x.Method.DeclaringType!.Name}.{x.Method.Name}"))}")
            .ToList();

        Assert.NotEmpty(messages);
        Assert.Empty(duplicates);
    }
}
