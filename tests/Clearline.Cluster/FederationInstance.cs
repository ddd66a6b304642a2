using System.Globalization;
using System.Net.Http.Headers;

namespace Clearline.Cluster;

/// <summary>
/// One Clearline instance as its own operator runs it: a single <c>clearline serve</c> process (web and workers) with
/// its own data folder, generated keys (so its own feed-signing key) and database: the embedded SQLite file, or a
/// fresh PostgreSQL database when <paramref name="database"/> is given. Its organisations and keys are made with the
/// <c>clearline admin</c> commands before it starts. Every process start gets a log of its own in the folder.
/// </summary>
internal sealed class FederationInstance(string name, string root, ClusterDatabase? database, Dictionary<string, string> environment)
    : IAsyncDisposable
{
    private readonly Dictionary<string, int> _generations = [];

    public string Name { get; } = name;

    /// <summary>The data folder (database, media, keys) and the logs.</summary>
    public string Root { get; } = root;

    public string DatabaseDescription => database is null ? "SQLite" : "PostgreSQL";

    /// <summary>The running process; null before <see cref="StartAsync"/>.</summary>
    public ClusterNode? Node { get; private set; }

    public Uri Address => Node?.Address ?? throw new InvalidOperationException($"{Name} is not running.");

    /// <summary>Creates the folder and the database (migrated); nothing runs until <see cref="StartAsync"/>.</summary>
    /// <param name="name">The instance's name, for logs.</param>
    /// <param name="parent">The test's folder; the instance's is made in it.</param>
    /// <param name="postgres">A PostgreSQL server to make the instance's database on, or null for SQLite.</param>
    /// <param name="settings">Settings as environment variables (<c>CLEARLINE__Section__Key</c>).</param>
    /// <param name="ct">Cancels the set-up.</param>
    public static async Task<FederationInstance> CreateAsync(
        string name, string parent, string? postgres, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var root = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        var database = postgres is null ? null : await ClusterDatabase.CreateAsync(postgres, ct);
        var environment = new Dictionary<string, string>(settings)
        {
            ["CLEARLINE__Crawler__AllowedNetworks__0"] = "127.0.0.0/8",
            // A short lease, so the job of a killed process is taken up within seconds of its restart.
            ["CLEARLINE__Workers__LeaseDuration"] = "00:00:06",
            ["CLEARLINE__Workers__PollInterval"] = "00:00:00.250",
            ["CLEARLINE__Workers__RetryBaseDelay"] = "00:00:01",
            ["CLEARLINE__Logging__Console__FormatterName"] = "simple",
            ["CLEARLINE__Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (database is not null)
        {
            environment["CLEARLINE__Database__Provider"] = "Postgres";
            environment["CLEARLINE__Database__ConnectionString"] = database.ConnectionString;
        }

        var instance = new FederationInstance(name, root, database, environment);
        await instance.RunAsync(ct, "db", "migrate");
        return instance;
    }

    /// <summary>Creates an organisation and an API key of it with <paramref name="scopes"/>; returns the key.</summary>
    public async Task<string> CreateKeyAsync(string organisation, string kind, string? country, CancellationToken ct, params string[] scopes)
    {
        string[] where = country is null ? [] : ["--country", country];
        await RunAsync(ct, ["admin", "create-org", "--name", organisation, "--kind", kind, .. where]);
        return (await RunAsync(ct, ["admin", "create-api-key", "--org", organisation, "--name", organisation, "--scopes", .. scopes])).Trim();
    }

    /// <summary>Runs <c>clearline</c> <paramref name="arguments"/> on the instance's data folder and database.</summary>
    public Task<string> RunAsync(CancellationToken ct, params string[] arguments) =>
        ClusterNode.RunAsync(environment, Log("admin"), ct, [.. arguments, "--data", Root]);

    public async Task StartAsync(CancellationToken ct) =>
        Node = await ClusterNode.StartWebAsync(Name, environment, Root, Log(Name), ct, workers: true);

    /// <summary>SIGKILLs the process (nothing saved, no lease given back) and starts it again on the same folder and database.</summary>
    public async Task KillAndRestartAsync(CancellationToken ct)
    {
        await Node!.KillAsync();
        await Node.DisposeAsync();
        await StartAsync(ct);
    }

    /// <summary>Stops the process as a service manager would (SIGTERM).</summary>
    public async Task StopAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>The last lines of each of the instance's logs.</summary>
    public string Tails() => string.Concat(Directory.GetFiles(Root, "*.log").Order(StringComparer.Ordinal)
        .Select(log => $"--- {Name}/{Path.GetFileName(log)}\n{ClusterNode.TailOf(log, 25)}\n"));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A new log file per process start: <c>B-2.log</c> is B after its first restart.</summary>
    private string Log(string process)
    {
        var generation = _generations[process] = _generations.GetValueOrDefault(process) + 1;
        return Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{process}-{generation}.log"));
    }
}
