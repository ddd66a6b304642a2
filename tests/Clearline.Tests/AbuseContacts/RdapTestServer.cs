using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Clearline.Tests.Crawling.TestSites;
using Microsoft.AspNetCore.Builder;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Clearline.Tests.AbuseContacts;

/// <summary>How the test RDAP server answers.</summary>
internal enum RdapBehaviour
{
    Records,
    Malformed,
    NotFound,
    ServerError,
}

/// <summary>
/// A real RDAP server on 127.0.0.1 (<see cref="LocalSite"/>) answering <c>ip/{address}</c> with an ip network whose
/// abuse entity is nested in its registrant (RFC 9083 §5.4 and appendix examples) and <c>domain/{name}</c> with a
/// registrar and the registrar's abuse entity; a bootstrap directory (RFC 9224) pointing the documentation address
/// ranges and <c>.example</c> at it. Counts the requests per path.
/// </summary>
internal sealed class RdapTestServer : IAsyncDisposable
{
    public const string NetworkAbuseEmail = "abuse@hosting.example";
    public const string RegistrarAbuseEmail = "abuse@registrar.example";

    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private LocalSite _site = null!;

    private RdapTestServer(string bootstrapDirectory) => BootstrapDirectory = bootstrapDirectory;

    public RdapBehaviour Behaviour { get; set; } = RdapBehaviour.Records;

    /// <summary>A folder with <c>ipv4.json</c>, <c>ipv6.json</c> and <c>dns.json</c> pointing at this server.</summary>
    public string BootstrapDirectory { get; }

    public int Requests => _hits.Values.Sum();

    public static async Task<RdapTestServer> StartAsync()
    {
        var server = new RdapTestServer(Directory.CreateTempSubdirectory("clearline-rdap-").FullName);
        server._site = await LocalSite.StartAsync(app =>
        {
            app.MapGet("/rdap/ip/{address}", (string address) => server.Answer($"ip/{address}", () => Network(address)));
            app.MapGet("/rdap/domain/{name}", (string name) => server.Answer($"domain/{name}", () => Domain(name)));
        });
        WriteBootstrap(server.BootstrapDirectory, server._site.Url("/rdap/").AbsoluteUri);
        return server;
    }

    /// <summary>A bootstrap directory whose servers are on a port where nothing listens: every lookup is refused.</summary>
    public static string UnreachableBootstrap()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var directory = Directory.CreateTempSubdirectory("clearline-rdap-").FullName;
        WriteBootstrap(directory, $"http://127.0.0.1:{port}/rdap/");
        return directory;
    }

    public int HitsFor(string path) => _hits.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(BootstrapDirectory, recursive: true);
    }

    private Microsoft.AspNetCore.Http.IResult Answer(string path, Func<object> record)
    {
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        return Behaviour switch
        {
            RdapBehaviour.Records => HttpResults.Text(JsonSerializer.Serialize(record()), "application/rdap+json"),
            RdapBehaviour.Malformed => HttpResults.Text("{\"objectClassName\": \"ip network\", \"entities\": [", "application/rdap+json"),
            RdapBehaviour.NotFound => HttpResults.Text("{\"errorCode\": 404, \"title\": \"Not Found\"}", "application/rdap+json", statusCode: 404),
            RdapBehaviour.ServerError => HttpResults.Text("unavailable", "text/plain", statusCode: 503),
            _ => throw new InvalidOperationException(),
        };
    }

    private static void WriteBootstrap(string directory, string server)
    {
        File.WriteAllText(Path.Combine(directory, "ipv4.json"), Registry(["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"], server, "http://127.0.0.1:9/unused/", ["192.0.0.0/8"]));
        File.WriteAllText(Path.Combine(directory, "ipv6.json"), Registry(["2001:db8::/32"], server, "http://127.0.0.1:9/unused/", ["2001::/16"]));
        File.WriteAllText(Path.Combine(directory, "dns.json"), Registry(["example", "test"], server, "http://127.0.0.1:9/unused/", ["invalid"]));
    }

    /// <summary>An RFC 9224 file: the test server for <paramref name="entries"/>, and a less specific decoy elsewhere.</summary>
    private static string Registry(string[] entries, string server, string decoy, string[] decoyEntries) => JsonSerializer.Serialize(new
    {
        version = "1.0",
        publication = "2026-12-01T00:00:00Z",
        description = "Test bootstrap registry",
        services = new object[]
        {
            new object[] { decoyEntries, new[] { decoy } },
            new object[] { entries, new[] { server } },
        },
    });

    private static object[] Card(params object[][] properties) => ["vcard", new object[] { new object[] { "version", new { }, "text", "4.0" } }.Concat(properties).ToArray()];

    /// <summary>Modelled on RFC 9083's ip network example: the abuse entity nested in the registrant entity.</summary>
    private static object Network(string address) => new
    {
        objectClassName = "ip network",
        handle = "XXXX-RIR",
        startAddress = address,
        endAddress = address,
        ipVersion = address.Contains(':', StringComparison.Ordinal) ? "v6" : "v4",
        name = "NET-RTR-1",
        type = "DIRECT ALLOCATION",
        country = "AU",
        status = new[] { "active" },
        entities = new object[]
        {
            new
            {
                objectClassName = "entity",
                handle = "XXXX",
                roles = new[] { "registrant" },
                vcardArray = Card(["fn", new { }, "text", "Example Hosting Ltd"], ["kind", new { }, "text", "org"]),
                entities = new object[]
                {
                    new
                    {
                        objectClassName = "entity",
                        handle = "ABUSE-XXXX",
                        roles = new[] { "abuse" },
                        vcardArray = Card(
                            ["fn", new { }, "text", "Abuse desk"],
                            ["kind", new { }, "text", "group"],
                            ["email", new { type = "work" }, "text", NetworkAbuseEmail],
                            ["tel", new { type = new[] { "work", "voice" } }, "uri", "tel:+1-555-555-1234"]),
                    },
                },
            },
        },
    };

    /// <summary>Modelled on RFC 9083's domain example: a registrar entity with its abuse entity.</summary>
    private static object Domain(string name) => new
    {
        objectClassName = "domain",
        handle = "XXXX",
        ldhName = name,
        status = new[] { "active" },
        entities = new object[]
        {
            new
            {
                objectClassName = "entity",
                handle = "292",
                roles = new[] { "registrar" },
                publicIds = new[] { new { type = "IANA Registrar ID", identifier = "292" } },
                vcardArray = Card(["fn", new { }, "text", "Example Registrar Inc."]),
                entities = new object[]
                {
                    new
                    {
                        objectClassName = "entity",
                        roles = new[] { "abuse" },
                        vcardArray = Card(
                            ["fn", new { }, "text", "Registrar abuse contact"],
                            ["email", new { }, "text", RegistrarAbuseEmail],
                            ["tel", new { type = "voice" }, "uri", "tel:+1.5555551212"]),
                    },
                },
            },
        },
    };
}
