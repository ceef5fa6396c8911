using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CitizenBot.ReliabilityTests.Fuzzing;

/// <summary>
/// One HTTP/1.1 request exactly as a hostile or broken client might write it: any header bytes, any body bytes,
/// and a Content-Length that may promise more than is sent.
/// </summary>
public sealed record FuzzedRequest(string Edge, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    private static readonly TimeSpan TruncationPause = TimeSpan.FromSeconds(1);

    /// <summary>Bytes the Content-Length header claims beyond the body; the rest is never sent (a truncated upload).</summary>
    public int MissingBytes { get; init; }

    /// <summary>False: no Content-Length header at all.</summary>
    public bool DeclareLength { get; init; } = true;

    /// <summary>Writes the request over a fresh loopback connection and returns the status code; 0 when the connection closed without one.</summary>
    public async Task<int> SendAsync(Uri server, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port, expiry.Token);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{Method} {Target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (DeclareLength)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {Body.Length + MissingBytes}\r\n");
        }

        head.Append("\r\n");
        try
        {
            // Latin-1 keeps any header byte as it is, so invalid header characters reach the server unchanged.
            await socket.SendAsync(Encoding.Latin1.GetBytes(head.ToString()), SocketFlags.None, expiry.Token);
            await socket.SendAsync(Body, SocketFlags.None, expiry.Token);
        }
        catch (SocketException)
        {
            // The server may answer and close before the whole body is sent (413, 401); its answer is still readable.
        }

        if (MissingBytes > 0)
        {
            // The client gives up mid-upload: after a pause that lets the server start waiting, it ends its side of the connection.
            var answer = ReadStatusAsync(socket, expiry.Token);
            if (await Task.WhenAny(answer, Task.Delay(TruncationPause, expiry.Token)) != answer)
            {
                socket.Shutdown(SocketShutdown.Send);
            }

            return await answer;
        }

        return await ReadStatusAsync(socket, expiry.Token);
    }

    /// <summary>The first final status line (1xx skipped); 101 ends the exchange, as the connection then belongs to the socket.</summary>
    private static async Task<int> ReadStatusAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException)
            {
                read = 0;
            }

            if (read == 0)
            {
                return FinalStatus(received, complete: true) ?? 0;
            }

            received.AddRange(buffer.AsSpan(0, read));
            if (FinalStatus(received, complete: false) is { } status)
            {
                return status;
            }
        }
    }

    private static int? FinalStatus(List<byte> received, bool complete)
    {
        var text = Encoding.Latin1.GetString([.. received]);
        var position = 0;
        while (true)
        {
            var headersEnd = text.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            if (headersEnd < 0)
            {
                return complete && text.Length - position >= 12 ? ParseStatus(text, position) : null;
            }

            var status = ParseStatus(text, position);
            if (status is null or >= 200 or 101)
            {
                return status;
            }

            position = headersEnd + 4;
        }
    }

    private static int? ParseStatus(string text, int position) =>
        text.Length >= position + 12 && text.AsSpan(position).StartsWith("HTTP/1.1 ")
        && int.TryParse(text.AsSpan(position + 9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? status
            : null;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Edge}: {Method} {(Target.Length > 120 ? Target[..120] + "…" : Target)} ({Body.Length} bytes{(MissingBytes > 0 ? $", {MissingBytes} missing" : "")})");
}
