namespace Clearline.Testing;

/// <summary>
/// A test that needs a program this machine may lack (FFmpeg, Chromium, a PostgreSQL server): under a plain
/// <c>dotnet test</c> it is skipped with a one-line reason; under CI (<c>CI</c> set, as <c>.ci/run</c> runs) it
/// fails, because <c>.ci/run</c> installs everything and a skip there would hide a gap.
/// </summary>
public static class ExternalRequirement
{
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } value
        && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";

    /// <summary>Skips (or, under CI, fails) the calling test unless <paramref name="available"/>.</summary>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{reason} (required under CI; .ci/run installs it)");
        }

        Assert.Skip(reason);
    }

    /// <summary>Requires <paramref name="program"/> on the PATH.</summary>
    public static void RequireProgram(string program, string install) =>
        Require(IsOnPath(program), $"{program} is not on the PATH ({install})");

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
