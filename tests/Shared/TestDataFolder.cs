namespace Clearline.Testing;

/// <summary>
/// The test fixtures committed in the repository, <c>tests/testdata</c> (each folder with its README and licence).
/// Found by walking up from the test assembly to <c>Clearline.slnx</c>, so a clone in any folder finds its own.
/// </summary>
public static class TestDataFolder
{
    private static readonly Lazy<string> _root = new(Locate);

    /// <summary>A path under <c>tests/testdata</c>, e.g. <c>Combine("geoip", "GeoLite2-ASN-Test.mmdb")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([_root.Value, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearline.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "testdata");
            }
        }

        throw new DirectoryNotFoundException("Clearline.slnx not found above " + AppContext.BaseDirectory);
    }
}
