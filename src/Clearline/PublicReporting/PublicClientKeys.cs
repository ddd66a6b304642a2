using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Clearline.PublicReporting;

/// <summary>
/// The key a public client is rate-limited by: HMAC-SHA256 of its address (after <c>TrustedProxies</c>' forwarded
/// headers) under a random salt that is made afresh each UTC day and kept only in memory.
/// </summary>
/// <remarks>
/// Privacy: the address itself is never kept (not in logs, audit or database) and a key cannot be turned back into it,
/// nor linked to the same client's key of another day, since yesterday's salt is gone. An IPv6 client is keyed by its
/// /64 network, which one household or server usually holds whole, so that rotating through its own addresses does not
/// escape the limit. Each node has its own salt and limits on its own; a restart or a new day starts every client afresh.
/// </remarks>
public sealed class PublicClientKeys(TimeProvider time)
{
    private readonly Lock _rotating = new();
    private DateOnly _day;
    private byte[] _salt = [];

    /// <summary>The client's key for today; <c>unknown</c> when the connection has no address (an in-process test server).</summary>
    public string For(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Array.Clear(bytes, 8, 8);
        }

        return Convert.ToBase64String(HMACSHA256.HashData(SaltOfToday(), bytes), 0, 16);
    }

    private byte[] SaltOfToday()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        lock (_rotating)
        {
            if (today != _day || _salt.Length == 0)
            {
                _salt = RandomNumberGenerator.GetBytes(32);
                _day = today;
            }

            return _salt;
        }
    }
}
