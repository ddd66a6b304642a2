using System.Buffers.Binary;

namespace Clearline.Previews;

/// <summary>
/// How ffmpeg reads one decrypted video: on its standard input (<c>pipe:0</c>), or from a private temporary file
/// when the container must be read out of order.
/// </summary>
/// <remarks>
/// Streaming on stdin keeps decrypted bytes off the disk, and is preferred. An MP4 or QuickTime file whose index
/// (<c>moov</c>) comes after its media data cannot be decoded without seeking, so it is written to a file readable
/// only by this process's user (0600, in a 0700 per-process folder) and deleted as soon as the frames are out. That
/// is the trade-off: decrypted bytes on local disk for seconds, against no contact sheet at all for most phone
/// videos. The input's container is forced (<c>-f</c>) from the format Clearline detected, and only the one
/// protocol needed is allowed, so a file posing as a playlist cannot make ffmpeg open other files or URLs.
/// </remarks>
internal sealed class VideoSource : IAsyncDisposable
{
    private const int PeekBytes = 64 * 1024;

    /// <summary>This process's own folder for temporary videos: a fresh random name, created 0700.</summary>
    private static readonly Lazy<string> _folder = new(() => Directory.CreateTempSubdirectory("clearline-video-").FullName);

    private readonly Func<CancellationToken, Task<Stream?>> _open;
    private readonly string? _path;

    private VideoSource(Func<CancellationToken, Task<Stream?>> open, string? path, string demuxer)
    {
        _open = open;
        _path = path;
        Demuxer = demuxer;
    }

    /// <summary>The ffmpeg input options and input, e.g. <c>-f mov -protocol_whitelist pipe -i pipe:0</c>.</summary>
    public IReadOnlyList<string> InputArguments => ["-f", Demuxer, "-protocol_whitelist", _path is null ? "pipe" : "file", "-i", _path ?? "pipe:0"];

    private string Demuxer { get; }

    /// <summary>Prepares a video for ffmpeg; null when the container is not one ffmpeg is asked to read or the bytes are gone.</summary>
    /// <param name="format">The container Clearline detected; it picks ffmpeg's demuxer.</param>
    /// <param name="open">Opens the decrypted bytes from the start; called again for every run that reads stdin.</param>
    /// <param name="ct">Cancels the preparation.</param>
    public static async Task<VideoSource?> PrepareAsync(MediaFormat format, Func<CancellationToken, Task<Stream?>> open, CancellationToken ct)
    {
        if (DemuxerOf(format) is not { } demuxer)
        {
            return null;
        }

        if (demuxer != "mov")
        {
            return new VideoSource(open, null, demuxer);
        }

        await using var content = await open(ct);
        if (content is null)
        {
            return null;
        }

        var head = new byte[PeekBytes];
        var length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (IndexComesFirst(head.AsSpan(0, length)))
        {
            return new VideoSource(open, null, demuxer);
        }

        var path = await WritePrivateFileAsync(head.AsMemory(0, length), content, ct);
        return new VideoSource(open, path, demuxer);
    }

    /// <summary>The stream to feed on stdin, or null when ffmpeg reads the temporary file.</summary>
    public Task<Stream?> OpenInputAsync(CancellationToken ct) => _path is null ? _open(ct) : Task.FromResult<Stream?>(null);

    /// <summary>The same video as the media library's input for vPDQ hashing: stdin, or the private file, with the container forced.</summary>
    public Media.Video.VideoInput ToVideoInput() => _path is null
        ? Media.Video.VideoInput.FromStream(Demuxer, async ct => await _open(ct) ?? Stream.Null)
        : Media.Video.VideoInput.FromFile(_path, Demuxer);

    public ValueTask DisposeAsync()
    {
        if (_path is not null)
        {
            File.Delete(_path);
        }

        return ValueTask.CompletedTask;
    }

    private static string? DemuxerOf(MediaFormat format) => format switch
    {
        MediaFormat.Mp4 or MediaFormat.QuickTime or MediaFormat.ThreeGpp => "mov",
        MediaFormat.WebM or MediaFormat.Matroska => "matroska",
        MediaFormat.Avi => "avi",
        MediaFormat.Flv => "flv",
        MediaFormat.Asf => "asf",
        _ => null,
    };

    /// <summary>Whether the top-level <c>moov</c> box comes before <c>mdat</c> within the first bytes (a "fast start" file).</summary>
    private static bool IndexComesFirst(ReadOnlySpan<byte> head)
    {
        var offset = 0L;
        while (offset + 8 <= head.Length)
        {
            var box = head[(int)offset..];
            long size = BinaryPrimitives.ReadUInt32BigEndian(box);
            var type = box.Slice(4, 4);
            if (type.SequenceEqual("moov"u8))
            {
                return true;
            }

            if (type.SequenceEqual("mdat"u8))
            {
                return false;
            }

            if (size == 1 && box.Length >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(box[8..]);
            }

            if (size < 8)
            {
                return false;
            }

            offset += size;
        }

        return false;
    }

    private static async Task<string> WritePrivateFileAsync(ReadOnlyMemory<byte> head, Stream rest, CancellationToken ct)
    {
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var path = Path.Combine(_folder.Value, Guid.NewGuid().ToString("N") + ".video");
        try
        {
            await using var target = new FileStream(path, file);
            await target.WriteAsync(head, ct);
            await rest.CopyToAsync(target, ct);
            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
