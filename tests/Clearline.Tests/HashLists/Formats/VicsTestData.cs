namespace Clearline.Tests.HashLists.Formats;

/// <summary>The synthetic VICS examples, in <c>tests/testdata/vics</c> (see its README).</summary>
internal static class VicsTestData
{
    public static string Case20 => TestDataFolder.Combine("vics", "vics-2.0-case.example.json");

    public static string HashSet20 => TestDataFolder.Combine("vics", "vics-2.0-hashset.example.json");

    public static string HashSet13 => TestDataFolder.Combine("vics", "vics-1.3-hashset.example.json");
}
