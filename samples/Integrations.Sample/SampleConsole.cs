using Spectre.Console;

namespace Integrations.Sample;

/// <summary>
/// Everything the sample prints goes through here: numbered steps, explanations, results, and the
/// lines from the wire log, the SDK's log and its events. Writes to any <see cref="TextWriter"/>
/// (colours only on a real terminal), and is safe to call from the SDK's background work.
/// </summary>
internal sealed class SampleConsole
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private readonly Lock _gate = new();
    private int _step;

    public SampleConsole(TextWriter output)
    {
        _output = output;
        var terminal = _terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            // Live displays (the sync's progress bar) only on a terminal; see WithProgressAsync.
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output (a file, a test) has no width of its own: rules and tables get 100
            // columns, and text lines are written unwrapped (see Line), so each stays one line.
            _console.Profile.Width = 100;
        }
    }

    /// <summary>The banner at the start of a run.</summary>
    public void Title(string title, string subtitle) => Write(() =>
    {
        _console.Write(new Rule($"[bold]{Markup.Escape(title)}[/]").LeftJustified());
        Line($"[grey]{Markup.Escape(subtitle)}[/]");
    });

    /// <summary>Starts the next numbered step.</summary>
    public void Step(string title) => Write(() =>
    {
        _console.WriteLine();
        _console.Write(new Rule($"[yellow]Step {++_step}: {Markup.Escape(title)}[/]").LeftJustified());
    });

    /// <summary>Explains what is about to happen and why.</summary>
    public void Say(string text) => Write(() => Line(Markup.Escape(text)));

    /// <summary>A labelled value.</summary>
    public void Detail(string label, string? value) =>
        Write(() => Line($"  [grey]{Markup.Escape(label)}:[/] {Markup.Escape(value ?? "-")}"));

    /// <summary>A URL to copy into a browser: written as is, never wrapped.</summary>
    public void Url(string label, Uri url) => Write(() =>
    {
        Line($"  [grey]{Markup.Escape(label)}:[/]");
        _output.WriteLine(url.AbsoluteUri);
        _output.Flush();
    });

    /// <summary>A result that shows the step worked.</summary>
    public void Ok(string text) => Write(() => Line($"[green]✓[/] {Markup.Escape(text)}"));

    /// <summary>Something the user should know, not a failure.</summary>
    public void Warn(string text) => Write(() => Line($"[yellow]![/] {Markup.Escape(text)}"));

    /// <summary>A request or response seen on the wire (see <see cref="WireLogHandler"/>).</summary>
    public void Wire(string text) => Write(() => Line($"    [blue]{Markup.Escape(text)}[/]"));

    /// <summary>A message the SDK logged (see <see cref="SampleLoggerProvider"/>).</summary>
    public void SdkLog(string level, string message) => Write(() => Line($"    [grey]sdk {Markup.Escape(level)}: {Markup.Escape(message)}[/]"));

    /// <summary>An event the SDK raised (see <see cref="EventPrinter"/>).</summary>
    public void Event(string text) => Write(() => Line($"    [magenta]event: {Markup.Escape(text)}[/]"));

    /// <summary>A two-column table, for a profile.</summary>
    public void Table(IEnumerable<(string Name, string? Value)> rows) =>
        Table(["field", "value"], rows.Select(row => new[] { row.Name, row.Value ?? "-" }));

    /// <summary>A table with a header row, for the sync history.</summary>
    public void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows) => Write(() =>
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        _console.Write(table);
    });

    /// <summary>
    /// Runs <paramref name="work"/> under a live progress display on a terminal. Anywhere else (a file,
    /// a test, CI) there is nothing to redraw, so <paramref name="work"/> gets <see langword="null"/>
    /// and prints plain lines instead.
    /// </summary>
    public Task<T> WithProgressAsync<T>(Func<ProgressContext?, Task<T>> work)
    {
        if (!_terminal || !_console.Profile.Capabilities.Interactive)
        {
            return work(null);
        }

        return _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 40 }, new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(work);
    }

    public void Done() => Write(() =>
    {
        _console.WriteLine();
        _console.Write(new Rule("[green]Done: every step succeeded.[/]").LeftJustified());
    });

    public void Failed(string message) => Write(() =>
    {
        _console.WriteLine();
        Line($"[red]✗ Failed: {Markup.Escape(message)}[/]");
    });

    /// <summary>One line of text: word-wrapped on a terminal, written as one line anywhere else.</summary>
    private void Line(string markup)
    {
        if (_terminal)
        {
            _console.MarkupLine(markup);
        }
        else
        {
            _output.WriteLine(Markup.Remove(markup));
        }
    }

    private void Write(Action write)
    {
        lock (_gate)
        {
            write();
        }
    }
}
