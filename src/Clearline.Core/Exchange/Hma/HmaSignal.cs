using System.Globalization;

namespace Clearline.Exchange.Hma;

/// <summary>
/// The signal types that Meta's HMA (hasher-matcher-actioner) names and Clearline's lists hold: <c>pdq</c>,
/// <c>video_md5</c> (HMA's only MD5), and <c>md5</c>, Clearline's own name for the MD5 of any file.
/// </summary>
public enum HmaSignalType
{
    Pdq = 1,
    VideoMd5 = 2,
    Md5 = 3,
}

/// <summary>One signal to look up, validated and normalised as HMA's signal types do (trimmed, lower-case hex).</summary>
public sealed record HmaSignal(HmaSignalType Type, string Value)
{
    /// <summary>The types as HMA spells them (<c>SignalType.get_name()</c>).</summary>
    public static string NameOf(HmaSignalType type) => type switch
    {
        HmaSignalType.Pdq => "pdq",
        HmaSignalType.VideoMd5 => "video_md5",
        HmaSignalType.Md5 => "md5",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown HMA signal type."),
    };

    /// <summary>The type HMA calls <paramref name="name"/>, or an error naming the <c>signal_type</c> parameter.</summary>
    public static Result<HmaSignalType> ParseType(string? name) => name switch
    {
        null or "" => new InvalidError("signal_type", "is required: pdq, video_md5 or md5."),
        "pdq" => HmaSignalType.Pdq,
        "video_md5" => HmaSignalType.VideoMd5,
        "md5" => HmaSignalType.Md5,
        _ => new InvalidError("signal_type", $"No such SignalType '{name}': use pdq, video_md5 or md5."),
    };

    /// <summary>
    /// The signal named by the <c>signal_type</c> and <c>signal</c> parameters: PDQ as 64 hex digits, an MD5 as 32;
    /// upper case is accepted and lowered (HMA lowers MD5s; Clearline lowers PDQ too, INTEROP §3.3).
    /// </summary>
    public static Result<HmaSignal> Parse(string? signalType, string? signal)
    {
        var type = ParseType(signalType);
        if (!type.IsSuccess)
        {
            return type.Error;
        }

        var value = signal?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(value))
        {
            return new InvalidError("signal", "is required.");
        }

        var length = type.Value == HmaSignalType.Pdq ? 64 : 32;
        if (value.Length != length || !value.All(char.IsAsciiHexDigit))
        {
            return new InvalidError("signal", string.Create(
                CultureInfo.InvariantCulture, $"invalid signal: a {NameOf(type.Value)} signal is {length} hexadecimal digits."));
        }

        return new HmaSignal(type.Value, value);
    }
}
