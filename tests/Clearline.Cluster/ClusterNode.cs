using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Clearline.Cluster;

/// <summary>
/// One <c>clearline</c> process of the cluster (the built executable, run as an operator would): a web node
/// (<c>serve --no-workers</c>) or a worker. Its output goes to a log file of its own in the test's folder.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;
    private bool _disposed;

    private ClusterNode(string name, Process process, Task drain, string log, Uri? address)
    {
        Name = name;
        _process = process;
        _drain = drain;
        Log = log;
        Address = address;
    }

    public string Name { get; }

    public string Log { get; }

    /// <summary>Where a web node listens; null for a worker.</summary>
    public Uri? Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The <c>clearline</c> app copied beside the test by the project reference.</summary>
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "clearline.dll");

    /// <summary>
    /// Starts <c>clearline serve --no-workers</c> (or, with <paramref name="workers"/>, a whole instance: web and
    /// workers in one process) on a free loopback port and waits until it is ready.
    /// </summary>
    public static async Task<ClusterNode> StartWebAsync(
        string name, IReadOnlyDictionary<string, string> environment, string data, string log, CancellationToken ct, bool workers = false)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        string[] serve = workers ? ["serve"] : ["serve", "--no-workers"];
        var node = Start(name, environment, log, address, [.. serve, "--data", data, "--urls", address.AbsoluteUri.TrimEnd('/')]);
        using var health = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (node.HasExited)
            {
                await node._drain;
                throw new InvalidOperationException($"{name} exited ({node._process.ExitCode}):\n{node.Tail()}");
            }

            try
            {
                using var response = await health.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow to answer while it starts on a loaded machine.
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                await node.DisposeAsync();
                throw new TimeoutException($"{name} was not ready within 2 minutes:\n{node.Tail()}");
            }

            await Task.Delay(200, ct);
        }
    }

    /// <summary>Starts <c>clearline worker</c>; it claims jobs as soon as its database is reachable.</summary>
    public static ClusterNode StartWorker(string name, IReadOnlyDictionary<string, string> environment, string data, string log) =>
        Start(name, environment, log, null, "worker", "--data", data);

    /// <summary>Runs a command to its end (bounded); its output is appended to <paramref name="log"/>.</summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, string log, CancellationToken ct, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(environment, arguments))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        await File.AppendAllTextAsync(log, $"$ clearline {string.Join(' ', arguments)}\n{await error}exit {process.ExitCode}\n", CancellationToken.None);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"clearline {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
    }

    /// <summary>SIGKILL: no shutdown, nothing given back; its leases are left to expire.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _drain;
    }

    /// <summary>The last lines of the node's log, for a failure message.</summary>
    public string Tail(int lines = 30) => TailOf(Log, lines);

    public static string TailOf(string log, int lines)
    {
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Stops the node as a service manager would: SIGTERM, then a kill after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            using (var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                await term!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        await _drain;
        _process.Dispose();
    }

    private static ClusterNode Start(string name, IReadOnlyDictionary<string, string> environment, string log, Uri? address, params string[] arguments)
    {
        var process = Process.Start(StartInfo(environment, arguments))!;
        process.StandardInput.Close();
        return new ClusterNode(name, process, DrainAsync(process, log), log, address);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Copies stdout and stderr into the log as they come, so a full pipe never blocks the node's logging.</summary>
    private static async Task DrainAsync(Process process, string log)
    {
        await using var file = new StreamWriter(new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        using var gate = new SemaphoreSlim(1);
        async Task CopyAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                await gate.WaitAsync();
                try
                {
                    await file.WriteLineAsync(line);
                }
                finally
                {
                    gate.Release();
                }
            }
        }

        await Task.WhenAll(CopyAsync(process.StandardOutput), CopyAsync(process.StandardError));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
