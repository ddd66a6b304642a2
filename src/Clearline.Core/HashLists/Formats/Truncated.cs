namespace Clearline.HashLists.Formats;

/// <summary>Recognises the last record of a line-based file that was cut off (a truncated upload or copy).</summary>
internal static class Truncated
{
    /// <summary>
    /// The record the input ended inside: when it is malformed, the file was cut there, and its error
    /// <see cref="HashListRecord.Error.EndsReading"/>; a well-formed last line without a line break is simply the last.
    /// </summary>
    public static HashListRecord Check(HashListRecord record) => record is HashListRecord.Error error
        ? error with { Message = $"The file ends inside line {error.Line}, so it looks truncated: {error.Message}", EndsReading = true }
        : record;
}
