using System.Globalization;
using System.Text;
using System.Text.Json;
using Clearline.Media;
using Clearline.Media.Video;

namespace Clearline.Cli;

/// <summary>
/// How <c>clearline hash</c> prints a video's vPDQ. TSV: a table of its own, one line per hashed frame
/// (<c>path, frame, quality, pdq, timestamp, error</c>; a video that fails is one line with only path and error).
/// JSON: one object per video with its frames in <c>features</c>. vpdq: the reference's hash file, byte for byte
/// what Meta's <c>vpdq-hash-video</c> writes.
/// </summary>
public static class VideoHashOutput
{
    private static readonly string[] _columns = ["path", "frame", "quality", "pdq", "timestamp", "error"];

    /// <summary>The TSV header line of the video table (no line terminator).</summary>
    public static string TsvHeader => string.Join('\t', _columns);

    /// <summary>The TSV lines of one video (no line terminators); one line with the error when it failed.</summary>
    /// <param name="path">The file as given on the command line.</param>
    /// <param name="result">The hashing result.</param>
    public static IEnumerable<string> ToTsv(string path, VpdqHashResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var escaped = Escape(path);
        if (result.Video is null)
        {
            yield return string.Join('\t', escaped, "", "", "", "", result.Error?.Code ?? "");
            yield break;
        }

        foreach (var f in result.Video.Features)
        {
            yield return string.Create(
                CultureInfo.InvariantCulture, $"{escaped}\t{f.FrameNumber}\t{f.Quality}\t{f.Hash}\t{f.TimestampSeconds:F3}\t");
        }
    }

    /// <summary>One JSON object on one line: path, format, width, height, frameRate, frames, features, error.</summary>
    /// <param name="path">The file as given on the command line.</param>
    /// <param name="format">The container detected from the file's first bytes.</param>
    /// <param name="result">The hashing result.</param>
    public static string ToJson(string path, MediaFormat format, VpdqHashResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteString("format", format.ToString().ToLowerInvariant());
            var video = result.Video;
            if (video is null)
            {
                json.WriteNull("width");
                json.WriteNull("height");
                json.WriteNull("frameRate");
                json.WriteNull("frames");
                json.WriteNull("features");
            }
            else
            {
                json.WriteNumber("width", video.Width);
                json.WriteNumber("height", video.Height);
                json.WriteNumber("frameRate", video.FrameRate);
                json.WriteNumber("frames", video.Features.Count);
                json.WriteStartArray("features");
                foreach (var f in video.Features)
                {
                    json.WriteStartObject();
                    json.WriteNumber("frame", f.FrameNumber);
                    json.WriteNumber("quality", f.Quality);
                    json.WriteString("pdq", f.Hash.ToString());
                    json.WriteNumber("timestamp", Math.Round(f.TimestampSeconds, 3));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (result.Error is null)
            {
                json.WriteNull("error");
            }
            else
            {
                json.WriteString("error", result.Error.Code);
                json.WriteString("message", result.Error.Message);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The reference's hash file: <c>frameNumber,quality,hex,timestamp</c> lines, each ending in a newline.</summary>
    /// <param name="video">The hashed video.</param>
    public static string ToReferenceFile(VpdqVideo video)
    {
        ArgumentNullException.ThrowIfNull(video);
        return VpdqText.ToReferenceLines(video.Features);
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
