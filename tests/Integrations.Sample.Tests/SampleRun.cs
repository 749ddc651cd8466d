using Integrations.Sample;

namespace Integrations.Sample.Tests;

/// <summary>One in-process run of the sample: its exit code and everything it printed.</summary>
internal sealed record SampleRun(int ExitCode, string Output)
{
    /// <summary>A real-time limit, so a hanging run fails the test instead of the whole test run.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static Task<SampleRun> StartAsync(IBrowser? browser, params string[] args) => StartAsync(browser, configureHost: null, CancellationToken.None, args);

    /// <summary>
    /// A run whose host <paramref name="configureHost"/> adjusts (the sample's test hook: fake HTTP, a
    /// fake clock), stopped by <paramref name="cancellationToken"/> as Ctrl+C stops the sample.
    /// </summary>
    public static async Task<SampleRun> StartAsync(IBrowser? browser, Action<IIntegrationsBuilder>? configureHost, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, browser, configureHost, cancellationToken).WaitAsync(Patience);
        return new SampleRun(exitCode, output.ToString());
    }

    public string[] Lines => Output.Split('\n', StringSplitOptions.TrimEntries);

    /// <summary>The value after <c>label:</c> on the first line that has it.</summary>
    public string Value(string label) =>
        Lines.FirstOrDefault(l => l.StartsWith(label + ":", StringComparison.Ordinal)) is { } line
            ? line[(label.Length + 1)..].Trim()
            : throw new Xunit.Sdk.XunitException($"No line '{label}: ...' in the output:\n{Output}");

    /// <summary>The output of the step whose title contains <paramref name="title"/>, up to the next step.</summary>
    public SampleRun Step(string title)
    {
        var start = Output.IndexOf(title, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No step '{title}' in the output:\n{Output}");
        var end = Output.IndexOf("── Step ", start, StringComparison.Ordinal);
        return this with { Output = end < 0 ? Output[start..] : Output[start..end] };
    }

    /// <summary>Asserts that each fragment appears in the output after the previous one.</summary>
    public void AssertInOrder(params string[] fragments)
    {
        var position = 0;
        foreach (var fragment in fragments)
        {
            var found = Output.IndexOf(fragment, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{fragment}' does not appear (after position {position}) in the output:\n{Output}");
            position = found + fragment.Length;
        }
    }

    /// <summary>Asserts that the run succeeded, showing its output when it did not.</summary>
    public void AssertSucceeded() => Assert.True(ExitCode == 0, $"Exit code {ExitCode}. Output:\n{Output}");
}
