using Microsoft.Extensions.Logging;

namespace Integrations.Sample;

/// <summary>
/// Shows what the SDK logs, inline with the sample's steps: warnings always (a retry is one),
/// informational messages with <c>--verbose</c>. A host uses its usual logging instead; the SDK
/// logs under categories starting with <c>Integrations</c> and never logs token values.
/// </summary>
internal sealed class SampleLoggerProvider(SampleConsole console, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Integrations", StringComparison.Ordinal) && !categoryName.StartsWith("Integrations.Sample", StringComparison.Ordinal)
            ? new SdkLogger(console, minimum)
            : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class SdkLogger(SampleConsole console, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                console.SdkLog(logLevel switch
                {
                    LogLevel.Warning => "warn",
                    LogLevel.Error or LogLevel.Critical => "error",
                    _ => "info",
                }, formatter(state, exception));
            }
        }
    }
}
