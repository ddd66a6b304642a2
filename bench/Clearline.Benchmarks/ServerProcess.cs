using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Clearline.Benchmarks;

/// <summary>The real <c>clearline</c> executable as a child process; its output goes to a log file in the data folder.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;

    private ServerProcess(Process process, Task drain, Uri address)
    {
        _process = process;
        _drain = drain;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>How long <see cref="StartAsync"/> waits for <c>/health/ready</c>; a loaded machine may need more.</summary>
    public static TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The <c>clearline</c> app host built from <c>src/Clearline</c> and copied beside this benchmark by the project reference.</summary>
    public static string Executable()
    {
        var path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "clearline.exe" : "clearline");
        return File.Exists(path) ? path : throw new FileNotFoundException("The clearline executable is not beside the benchmark; build bench/Clearline.Benchmarks.", path);
    }

    /// <summary>Runs a <c>clearline</c> command to its end and returns what it printed on stdout; throws when it fails.</summary>
    public static async Task<string> RunToEndAsync(string executable, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Process.Start(Start(executable, environment, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"clearline {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }

    /// <summary>Starts <c>clearline serve</c> (plus <paramref name="extraArguments"/>) on a free loopback port and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(string executable, IReadOnlyDictionary<string, string> environment, string data, params string[] extraArguments)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(Start(executable, environment, [.. new[] { "serve", "--data", data, "--urls", address.ToString().TrimEnd('/') }, .. extraArguments]))!;
        var log = Path.Combine(data, "serve.log");
        var drain = DrainAsync(process, log);
        var server = new ServerProcess(process, drain, address);
        using var health = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await drain;
                throw new InvalidOperationException($"clearline serve exited ({process.ExitCode}): {Tail(log)}");
            }

            try
            {
                using var response = await health.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while it starts.
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"clearline serve was not ready within {ReadyTimeout}: {Tail(log)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Stops the server as a service manager would (SIGTERM, then a kill after 20 s).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                await kill!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
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

    private static ProcessStartInfo Start(string executable, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
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

    private static async Task DrainAsync(Process process, string log)
    {
        await using var file = new StreamWriter(log) { AutoFlush = true };
        var gate = new SemaphoreSlim(1);
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

    private static string Tail(string log)
    {
        try
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
