using System.Net;
using System.Net.Sockets;

namespace SchoolSite.Crash;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on now (the kernel's choice).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether anything accepts connections on the port: after a kill -9, nothing should.</summary>
    public static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
