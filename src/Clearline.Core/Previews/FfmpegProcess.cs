using System.ComponentModel;
using System.Diagnostics;

namespace Clearline.Previews;

/// <summary>What one ffmpeg or ffprobe run gave: its standard output, or why there is none.</summary>
internal sealed record FfmpegRun(byte[]? Output, string? Failure)
{
    public bool Succeeded => Output is not null;
}

/// <summary>
/// Runs ffmpeg or ffprobe as a child process: arguments passed one by one (never through a shell), input fed on
/// stdin when given, standard output collected up to a limit, killed at the timeout.
/// </summary>
/// <remarks>
/// A failure is returned, never thrown: a missing binary, a non-zero exit, a timeout or too much output all mean
/// "no contact sheet", and the caller shows the placeholder. Standard error is drained and dropped, because ffmpeg
/// prints a file's own metadata (titles, comments) there, which is content and must not reach a log.
/// </remarks>
internal static class FfmpegProcess
{
    /// <summary>The failure of a run whose executable could not be started.</summary>
    public const string NotFound = "not found or not executable";

    public static async Task<FfmpegRun> RunAsync(
        string executable, IReadOnlyList<string> arguments, Stream? input, int maxOutputBytes, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return new FfmpegRun(null, NotFound);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var feeding = FeedAsync(process.StandardInput.BaseStream, input, deadline.Token);
        var draining = process.StandardError.BaseStream.CopyToAsync(Stream.Null, deadline.Token);
        try
        {
            var output = await ReadLimitedAsync(process.StandardOutput.BaseStream, maxOutputBytes, deadline.Token);
            if (output is null)
            {
                await StopAsync(process, feeding, draining);
                return new FfmpegRun(null, "too much output");
            }

            await Task.WhenAll(feeding, draining);
            await process.WaitForExitAsync(deadline.Token);
            return process.ExitCode == 0 ? new FfmpegRun(output, null) : new FfmpegRun(null, $"exit code {process.ExitCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await StopAsync(process, feeding, draining);
            return new FfmpegRun(null, "timed out");
        }
        catch
        {
            await StopAsync(process, feeding, draining);
            throw;
        }
    }

    /// <summary>Kills the child and waits for its pipes to close, so nothing reads the caller's input after this returns.</summary>
    private static async Task StopAsync(Process process, params Task[] pipes)
    {
        process.Kill(entireProcessTree: true);
        try
        {
            await Task.WhenAll(pipes);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The pipes of a killed child break; that is the point.
        }
    }

    /// <summary>Copies the input to the child's stdin and closes it; a child that stops reading early (ffprobe has what it needs) is not an error.</summary>
    private static async Task FeedAsync(Stream stdin, Stream? input, CancellationToken ct)
    {
        try
        {
            if (input is not null)
            {
                await input.CopyToAsync(stdin, ct);
            }
        }
        catch (IOException)
        {
            // Broken pipe: the child closed its input. Its exit code says whether it got what it needed.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Already closed by the child.
            }
        }
    }

    /// <summary>Standard output, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stdout, int maxBytes, CancellationToken ct)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stdout.ReadAsync(buffer, ct)) > 0)
        {
            if (collected.Length + read > maxBytes)
            {
                return null;
            }

            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }
}
