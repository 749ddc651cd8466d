using System.Net;

namespace Integrations.Core.Tests.Http;

/// <summary>Response content that remembers whether it was disposed, to prove discarded attempts are released.</summary>
internal sealed class TrackedContent() : StringContent("{}")
{
    public bool IsDisposed { get; private set; }

    public static HttpResponseMessage Response(HttpStatusCode status, out TrackedContent content)
    {
        content = new TrackedContent();
        return new HttpResponseMessage(status) { Content = content };
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
