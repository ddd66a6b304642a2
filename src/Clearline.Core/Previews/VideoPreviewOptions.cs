using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Previews;

/// <summary>How video contact sheets are made (section <c>Previews</c>).</summary>
/// <remarks>
/// FFmpeg is optional: when it is missing or fails, videos keep the neutral placeholder, so Clearline runs with
/// nothing else installed.
/// </remarks>
public sealed class VideoPreviewOptions : ISectionOptions
{
    public static string Section => "Previews";

    /// <summary>
    /// The <c>ffmpeg</c> executable: a name looked up on the PATH (default <c>ffmpeg</c>) or a full path.
    /// <c>ffprobe</c> is taken from the same folder.
    /// </summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Longest time one ffmpeg or ffprobe run may take before it is killed and the placeholder is shown.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan FfmpegTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>ffprobe</c> executable beside <see cref="FfmpegPath"/>.</summary>
    internal string FfprobePath
    {
        get
        {
            var folder = Path.GetDirectoryName(FfmpegPath);
            var name = "ffprobe" + Path.GetExtension(FfmpegPath);
            return string.IsNullOrEmpty(folder) ? name : Path.Combine(folder, name);
        }
    }
}
