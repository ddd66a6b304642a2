namespace Clearline.Configuration;

/// <summary>
/// Where the embedded defaults live: the SQLite database, the media store and the generated key.
/// Set with <c>--data DIR</c> or <c>CLEARLINE__DataDirectory</c>; default <c>./data</c>.
/// </summary>
public sealed record DataDirectory(string Path)
{
    public const string ConfigurationKey = "DataDirectory";

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);
}
