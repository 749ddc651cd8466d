namespace Integrations.Testing;

/// <summary>One item of the demo API's message list (<see cref="SandboxDefaults.MessagesPath"/>).</summary>
public sealed record SandboxMessage
{
    /// <summary>The message id.</summary>
    public string Id { get; init; } = "";

    /// <summary>The sender's address.</summary>
    public string From { get; init; } = "";

    /// <summary>The subject line.</summary>
    public string Subject { get; init; } = "";

    /// <summary>When the message arrived.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
