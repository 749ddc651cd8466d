using System.Net;
using System.Net.Sockets;

namespace Integrations.Sample.Tests;

internal static class LoopbackPort
{
    /// <summary>A port nothing listens on at the moment, for the sample's redirect listener.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
