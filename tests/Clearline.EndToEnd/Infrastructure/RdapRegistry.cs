using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearline.EndToEnd.Infrastructure;

/// <summary>
/// A regional internet registry's RDAP service for the demo site's network (127.0.0.0/8) on 127.0.0.1, answering IP
/// queries (RFC 9082) with a network object and its abuse entity (RFC 9083), and an RFC 9224 bootstrap folder that
/// points Clearline at it (<c>Rdap:Bootstrap:Directory</c>).
/// </summary>
public sealed class RdapRegistry : IAsyncDisposable
{
    public const string AbuseEmail = "abuse@demo-hosting.example";

    private readonly WebApplication _app;

    private RdapRegistry(WebApplication app, string bootstrapDirectory)
    {
        _app = app;
        BootstrapDirectory = bootstrapDirectory;
    }

    public string BootstrapDirectory { get; }

    public static async Task<RdapRegistry> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/rdap/ip/{*address}", (string address) => Microsoft.AspNetCore.Http.Results.Text(NetworkJson(address), "application/rdap+json"));
        await app.StartAsync(ct);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/rdap/";

        var directory = Directory.CreateTempSubdirectory("clearline-e2e-rdap-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "ipv4.json"), Bootstrap(["127.0.0.0/8"], url), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, "ipv6.json"), Bootstrap([], url), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, "dns.json"), Bootstrap([], url), ct);
        return new RdapRegistry(app, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(BootstrapDirectory, recursive: true);
    }

    private static string Bootstrap(string[] entries, string url) => JsonSerializer.Serialize(new
    {
        version = "1.0",
        publication = "2026-12-01T00:00:00Z",
        services = entries.Length == 0 ? Array.Empty<object>() : [new object[] { entries, new[] { url } }],
    });

    /// <summary>An IP network object as RFC 9083 §5.4 shows one, with the network's abuse desk as an entity.</summary>
    private static string NetworkJson(string address) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["rdapConformance"] = new[] { "rdap_level_0" },
        ["objectClassName"] = "ip network",
        ["handle"] = "DEMO-NET-1",
        ["startAddress"] = "127.0.0.0",
        ["endAddress"] = "127.255.255.255",
        ["ipVersion"] = "v4",
        ["name"] = "DEMO-HOSTING",
        ["query"] = address,
        ["entities"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["objectClassName"] = "entity",
                ["handle"] = "DEMO-ABUSE",
                ["roles"] = new[] { "abuse" },
                ["vcardArray"] = new object[]
                {
                    "vcard",
                    new object[]
                    {
                        new object[] { "version", new { }, "text", "4.0" },
                        new object[] { "fn", new { }, "text", "Fictional demo hosting abuse desk" },
                        new object[] { "email", new { }, "text", AbuseEmail },
                    },
                },
            },
        },
    });
}
