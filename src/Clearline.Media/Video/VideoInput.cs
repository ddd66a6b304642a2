namespace Clearline.Media.Video;

/// <summary>
/// Where ffmpeg reads a video from: a file, or a stream fed on its standard input (opened again for every run,
/// because the probe and the decode each read it).
/// </summary>
public sealed class VideoInput
{
    private readonly Func<CancellationToken, Task<Stream>>? _open;

    private VideoInput(IReadOnlyList<string> arguments, Func<CancellationToken, Task<Stream>>? open)
    {
        Arguments = arguments;
        _open = open;
    }

    /// <summary>ffmpeg's input options and input, e.g. <c>-f mov -protocol_whitelist pipe -i pipe:0</c>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>A video file, read by ffmpeg itself (seekable, so any MP4 layout works).</summary>
    /// <param name="path">The file.</param>
    public static VideoInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new VideoInput(["-protocol_whitelist", "file", "-i", Path.GetFullPath(path)], null);
    }

    /// <summary>A video file read with its container named, so the file cannot pose as another container (a playlist).</summary>
    /// <param name="path">The file.</param>
    /// <param name="demuxer">ffmpeg's demuxer for the container (<c>mov</c>, <c>matroska</c>…), forced.</param>
    public static VideoInput FromFile(string path, string demuxer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(demuxer);
        return new VideoInput(["-f", demuxer, "-protocol_whitelist", "file", "-i", Path.GetFullPath(path)], null);
    }

    /// <summary>A video fed on standard input, with its container named (<c>mov</c>, <c>matroska</c>, <c>gif</c>…).</summary>
    /// <param name="demuxer">ffmpeg's demuxer for the container, forced so the bytes cannot pick another.</param>
    /// <param name="open">Opens the bytes from the start; called once per ffmpeg or ffprobe run.</param>
    public static VideoInput FromStream(string demuxer, Func<CancellationToken, Task<Stream>> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(demuxer);
        ArgumentNullException.ThrowIfNull(open);
        return new VideoInput(["-f", demuxer, "-protocol_whitelist", "pipe", "-i", "pipe:0"], open);
    }

    /// <summary>The stream to copy to the child's standard input, or null when ffmpeg reads a file.</summary>
    internal async Task<Stream?> OpenAsync(CancellationToken ct) => _open is null ? null : await _open(ct);
}
