namespace Integrations.Testing;

/// <summary>The kinds of request the sandbox resource server answers, for injecting failures and counting requests.</summary>
[Flags]
public enum SandboxRequestKind
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><c>GET items</c>: a page of the listing.</summary>
    List = 1,

    /// <summary><c>POST items</c>.</summary>
    Create = 2,

    /// <summary><c>PUT items/{id}</c>.</summary>
    Update = 4,

    /// <summary><c>DELETE items/{id}</c>.</summary>
    Delete = 8,

    /// <summary>Every write.</summary>
    Writes = Create | Update | Delete,

    /// <summary>Every request.</summary>
    All = List | Writes,
}
