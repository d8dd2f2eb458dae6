using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AwsSim.Http.Tests;

/// <summary>Sends bytes over a plain TCP connection and reads the status code of the answer (for malformed requests HttpClient cannot send).</summary>
internal static class RawRequest
{
    public static async Task<int> SendAsync(Uri baseAddress, string raw, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, ct);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw), ct);
        var buffer = new byte[512];
        var read = 0;
        while (read < 12)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        var head = Encoding.ASCII.GetString(buffer, 0, read);
        // "HTTP/1.1 400 Bad Request"
        return head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && head.Length >= 12
            ? int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture)
            : -1;
    }
}
