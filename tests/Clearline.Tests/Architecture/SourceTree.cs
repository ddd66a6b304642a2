namespace Clearline.Tests.Architecture;

/// <summary>The repository's own source files, found from the folder that holds <c>Clearline.slnx</c>.</summary>
internal static class SourceTree
{
    private static readonly Lazy<string> _root = new(Locate);

    public static string Root => _root.Value;

    /// <summary>The C# and Razor files of one project folder under <c>src/</c>, as paths relative to that folder, build output left out.</summary>
    public static IReadOnlyList<string> Files(string project)
    {
        var folder = Path.Combine(Root, "src", project);
        return [.. Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    public static string Read(string project, string relativePath) => File.ReadAllText(Path.Combine(Root, "src", project, relativePath));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Clearline.slnx not found above " + AppContext.BaseDirectory);
    }
}
