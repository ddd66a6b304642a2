namespace Clearline.Tests.HashLists.Formats;

/// <summary>The synthetic VICS examples in <c>../shared/testdata/vics</c> beside the repository root.</summary>
internal static class VicsTestData
{
    private static readonly Lazy<string> _folder = new(Locate);

    public static string Case20 => Path.Combine(_folder.Value, "vics-2.0-case.example.json");

    public static string HashSet20 => Path.Combine(_folder.Value, "vics-2.0-hashset.example.json");

    public static string HashSet13 => Path.Combine(_folder.Value, "vics-1.3-hashset.example.json");

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearline.slnx")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "vics"));
                return Directory.Exists(folder)
                    ? folder
                    : throw new DirectoryNotFoundException($"VICS examples expected in {folder} (shared/ beside the repository)");
            }
        }

        throw new DirectoryNotFoundException("Clearline.slnx not found above " + AppContext.BaseDirectory);
    }
}
