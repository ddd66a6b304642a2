using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Clearline.Cluster;

/// <summary>
/// Two web nodes (<c>serve --no-workers</c>) and two workers on one PostgreSQL database and one store, as
/// <c>docs/deployment.md</c> ("Several nodes") describes: every node gets the same database, storage, key-encryption
/// key and instance signing key; nothing else is shared (each has its own data folder). Logs of every process,
/// restarted ones included, stay in <see cref="Root"/>.
/// </summary>
internal sealed partial class Cluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly List<string> _logs = [];
    private readonly Dictionary<string, int> _generations = [];

    private Cluster(string root, ClusterDatabase database, ClusterStorage storage, Dictionary<string, string> environment)
    {
        Root = root;
        Database = database;
        Storage = storage;
        _environment = environment;
    }

    public string Root { get; }

    public ClusterDatabase Database { get; }

    public ClusterStorage Storage { get; }

    public List<ClusterNode> Web { get; } = [];

    public List<ClusterNode> Workers { get; } = [];

    /// <summary>The API key of the hotline the report is made for (reports:read, reports:write).</summary>
    public string ApiKey { get; private set; } = "";

    public static async Task<Cluster> StartAsync(string server, int pages, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("clearline-cluster-").FullName;
        var database = await ClusterDatabase.CreateAsync(server, ct);
        var storage = await ClusterStorage.CreateAsync(root, ct);
        using var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var environment = new Dictionary<string, string>
        {
            ["CLEARLINE__Database__Provider"] = "Postgres",
            ["CLEARLINE__Database__ConnectionString"] = database.ConnectionString,
            // What every node must share besides the database and the store (docs/deployment.md, "Several nodes").
            ["CLEARLINE__Storage__KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["CLEARLINE__Signing__PrivateKey"] = signing.ExportPkcs8PrivateKeyPem(),
            ["CLEARLINE__Crawler__AllowedNetworks__0"] = "127.0.0.0/8",
            ["CLEARLINE__Crawler__MaxDepth"] = "3",
            ["CLEARLINE__Crawler__MaxPages"] = (pages + 100).ToString(CultureInfo.InvariantCulture),
            ["CLEARLINE__Crawler__MaxMedia"] = (pages + 100).ToString(CultureInfo.InvariantCulture),
            // A short lease, so the killed worker's crawl is resumed within seconds rather than a minute.
            ["CLEARLINE__Workers__LeaseDuration"] = "00:00:15",
            ["CLEARLINE__Workers__PollInterval"] = "00:00:00.250",
            ["CLEARLINE__Workers__RetryBaseDelay"] = "00:00:01",
            // One line per completed job (JobExecution), counted per job by the test.
            ["CLEARLINE__Logging__LogLevel__Clearline.Jobs.JobWorker"] = "Debug",
            ["CLEARLINE__Logging__Console__FormatterName"] = "simple",
            ["CLEARLINE__Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        storage.AddSettings(environment);
        var cluster = new Cluster(root, database, storage, environment);
        try
        {
            await cluster.PrepareAsync(ct);
            cluster.Web.Add(await cluster.StartWebAsync("web1", ct));
            cluster.Web.Add(await cluster.StartWebAsync("web2", ct));
            cluster.Workers.Add(cluster.StartWorker("worker1"));
            cluster.Workers.Add(cluster.StartWorker("worker2"));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILLs the worker with process id <paramref name="pid"/> and starts it again on the same data folder.</summary>
    public async Task<ClusterNode> KillAndRestartWorkerAsync(int pid)
    {
        var index = Workers.FindIndex(w => w.Pid == pid);
        if (index < 0)
        {
            throw new InvalidOperationException($"No worker of this cluster has process id {pid}.");
        }

        var worker = Workers[index];
        await worker.KillAsync();
        await worker.DisposeAsync();
        Workers[index] = StartWorker(worker.Name);
        return worker;
    }

    /// <summary>Stops a web node as a rolling restart does (SIGTERM) and starts it again.</summary>
    public async Task RestartWebAsync(int index, CancellationToken ct)
    {
        var web = Web[index];
        await web.DisposeAsync();
        Web[index] = await StartWebAsync(web.Name, ct);
    }

    /// <summary>Runs <c>clearline</c> <paramref name="arguments"/> as an operator would on an admin machine of the cluster.</summary>
    public Task<string> RunAsync(CancellationToken ct, params string[] arguments) =>
        ClusterNode.RunAsync(_environment, Log("admin"), ct, [.. arguments, "--data", Path.Combine(Root, "admin")]);

    /// <summary>Stops every node (SIGTERM), so their logs are complete.</summary>
    public async Task StopAsync()
    {
        foreach (var node in Web.Concat(Workers))
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>
    /// How many times each job's handler ran to completion, over every worker log (killed ones included), and how
    /// many of those completions could not be recorded because the lease had been lost.
    /// </summary>
    public (Dictionary<Guid, int> Completions, int Unrecorded) Completions()
    {
        var completions = new Dictionary<Guid, int>();
        var unrecorded = 0;
        foreach (var log in _logs.Where(l => Path.GetFileName(l).StartsWith("worker", StringComparison.Ordinal)))
        {
            foreach (Match match in CompletionLine().Matches(File.ReadAllText(log)))
            {
                var id = Guid.Parse(match.Groups["id"].Value);
                completions[id] = completions.GetValueOrDefault(id) + 1;
                unrecorded += match.Groups["recorded"].Value == "True" ? 0 : 1;
            }
        }

        return (completions, unrecorded);
    }

    /// <summary>The last lines of every process's log, for a failure message.</summary>
    public string Tails()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"logs in {Root}:\n");
        foreach (var log in _logs)
        {
            text.Append(CultureInfo.InvariantCulture, $"--- {Path.GetFileName(log)}\n{ClusterNode.TailOf(log, 15)}\n");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Deletes the folder of data and logs (kept when the test failed, to read).</summary>
    public void DeleteFolder() => Directory.Delete(Root, recursive: true);

    /// <summary>Migrates once (before any node starts), then creates the hotline and its API key.</summary>
    private async Task PrepareAsync(CancellationToken ct)
    {
        await RunAsync(ct, "db", "migrate");
        await RunAsync(ct, "admin", "create-org", "--name", "Cluster hotline", "--kind", "Hotline", "--country", "NL");
        ApiKey = (await RunAsync(ct, "admin", "create-api-key", "--org", "Cluster hotline", "--name", "cluster", "--scopes", "reports:read", "reports:write")).Trim();
    }

    private Task<ClusterNode> StartWebAsync(string name, CancellationToken ct) =>
        ClusterNode.StartWebAsync(name, _environment, Folder(name), Log(name), ct);

    private ClusterNode StartWorker(string name) => ClusterNode.StartWorker(name, _environment, Folder(name), Log(name));

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    /// <summary>A new log file per process start: <c>worker1-2.log</c> is worker1 after its first restart.</summary>
    private string Log(string name)
    {
        var generation = _generations[name] = _generations.GetValueOrDefault(name) + 1;
        var log = Path.Combine(Root, $"{name}-{generation}.log");
        _logs.Add(log);
        return log;
    }

    [GeneratedRegex(@"Job (?<id>[0-9a-f-]{36}) \((?<kind>[^)]+)\) completed on attempt (?<attempt>\d+); recorded: (?<recorded>True|False)")]
    private static partial Regex CompletionLine();
}
