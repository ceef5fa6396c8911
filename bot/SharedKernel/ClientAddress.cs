using System.Net;
using System.Net.Sockets;

namespace CitizenBot.SharedKernel;

/// <summary>The address limits and lockouts count by: the client's (after the forwarded headers of a trusted proxy).</summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 as is; IPv6 by its /64 network, since one household or attacker holds a whole /64 and could otherwise
    /// step past any per-address limit. "unknown" when there is no network peer (the in-process test host).
    /// </summary>
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var network = address.GetAddressBytes();
        Array.Clear(network, 8, 8);
        return new IPAddress(network) + "/64";
    }
}
