using Clearline.Demo;

namespace Clearline.Tests.Cli;

/// <summary><c>admin reset-password</c> prints the new secret alone; <c>serve --demo --reset</c> deletes demo data only.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ResetPassword_KnownEmail_PrintsANewSecretAlone_UnknownEmailPrintsNothing()
    {
        await ClearlineProcess.RunAsync(null, "admin", "create-org", "--data", _data, "--name", "Hotline Example", "--kind", "Hotline", "--country", "NL");
        var created = await ClearlineProcess.RunAsync(null, "admin", "create-user", "--data", _data, "--org", "Hotline Example", "--email", "forgetful@example.invalid", "--role", "Analyst");

        var reset = await ClearlineProcess.RunAsync(null, "admin", "reset-password", "--data", _data, "forgetful@example.invalid");
        var unknown = await ClearlineProcess.RunAsync(null, "admin", "reset-password", "--data", _data, "nobody@example.invalid");

        Assert.True(reset.ExitCode == 0, reset.ToString());
        var secret = Assert.Single(reset.OutputLines);
        Assert.Equal(20, secret.Length);
        Assert.NotEqual(Assert.Single(created.OutputLines), secret);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Empty(unknown.StandardOutput);
    }

    [Fact]
    public async Task ServeDemoReset_DataThatIsNotTheDemos_IsRefusedAndKept()
    {
        await ClearlineProcess.RunAsync(null, "admin", "create-org", "--data", _data, "--name", "Real Hotline", "--kind", "Hotline", "--country", "NL");
        await File.WriteAllTextAsync(Path.Combine(_data, DemoReset.MarkerFile), "pretending", TestContext.Current.CancellationToken);

        var result = await ClearlineProcess.RunAsync(null, "serve", "--demo", "--reset", "--data", _data, "--urls", "http://127.0.0.1:0");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("not the demo's", result.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_data, "clearline.db")));
        var listed = await ClearlineProcess.RunAsync(null, "admin", "create-org", "--data", _data, "--name", "Real Hotline", "--kind", "Hotline", "--country", "NL");
        Assert.Contains("already", listed.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ServeDemoReset_WithoutTheMarker_IsRefused()
    {
        await ClearlineProcess.RunAsync(null, "db", "migrate", "--data", _data);

        var result = await ClearlineProcess.RunAsync(null, "serve", "--demo", "--reset", "--data", _data, "--urls", "http://127.0.0.1:0");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(DemoReset.MarkerFile, result.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_data, "clearline.db")));
    }
}
