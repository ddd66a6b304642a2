using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Clearline.Media.Video;

/// <summary>
/// The plumbing of one ffmpeg or ffprobe child process: started with its arguments one by one (never through a
/// shell), its input fed from a <see cref="VideoInput"/>, its standard error kept in part, and killed with its
/// children when it must stop. Shared by <see cref="VpdqHasher"/> and <see cref="VideoProbe"/>.
/// </summary>
internal static class FfmpegChild
{
    private const int StandardErrorKept = 8 * 1024;
    private const int FeedBufferBytes = 64 * 1024;

    /// <summary>Starts a child with its three standard streams piped, or returns null when it cannot be started.</summary>
    internal static Process? Start(string executable, IEnumerable<string> arguments)
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

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            return process;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            process.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Copies the input to the child's stdin and closes it. A child that stops reading early is not an error (its
    /// exit code says whether it got what it needed); input that cannot be read is, because the child would otherwise
    /// see a short file and hash part of it.
    /// </summary>
    /// <returns>Null, or <see cref="MediaErrorKind.Unreadable"/> when the input could not be opened or read.</returns>
    internal static async Task<MediaError?> FeedAsync(Process process, VideoInput input, CancellationToken ct)
    {
        var stdin = process.StandardInput.BaseStream;
        var buffer = ArrayPool<byte>.Shared.Rent(FeedBufferBytes);
        Stream? source = null;
        try
        {
            try
            {
                source = await input.OpenAsync(ct);
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                return InputUnreadable();
            }

            if (source is null)
            {
                return null;
            }

            while (true)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(buffer, ct);
                }
                catch (Exception ex) when (IsReadFailure(ex))
                {
                    return InputUnreadable();
                }

                if (read == 0)
                {
                    return null;
                }

                try
                {
                    await stdin.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                catch (IOException)
                {
                    return null; // Broken pipe: the child closed its input.
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await CloseQuietlyAsync(source);
            await CloseQuietlyAsync(stdin);
        }
    }

    private static bool IsReadFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or ObjectDisposedException
            or System.Security.Cryptography.CryptographicException;

    private static MediaError InputUnreadable() => new(MediaErrorKind.Unreadable, "the video's bytes could not be read");

    private static async Task CloseQuietlyAsync(Stream? stream)
    {
        if (stream is null)
        {
            return;
        }

        try
        {
            await stream.DisposeAsync();
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            // Already closed by the child, or a source that fails on close: nothing more is read from it.
        }
    }

    /// <summary>Reads a child's standard error to the end, keeping its first few kilobytes.</summary>
    internal static async Task<string> ReadStandardErrorAsync(Process process, CancellationToken ct)
    {
        var stderr = process.StandardError.BaseStream;
        var kept = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stderr.ReadAsync(buffer, ct)) > 0)
            {
                var room = StandardErrorKept - (int)kept.Length;
                if (room > 0)
                {
                    kept.Write(buffer, 0, Math.Min(room, read));
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke with the child; what came before is enough.
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }

    /// <summary>Kills a child and its children if it still runs; one that exited meanwhile is not an error.</summary>
    internal static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>Kills the child if it still runs and waits for its pipes, so nothing reads the caller's input after this returns.</summary>
    internal static async Task StopAsync(Process process, CancellationTokenSource stop, params Task[] pipes)
    {
        Kill(process);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(pipes);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or ChannelClosedException)
        {
            // The pipes of a killed child break; that is the point.
        }
    }
}
