namespace Clearline.Tests.Cli;

/// <summary><c>clearline api-keys list|revoke</c>, and <c>admin create-api-key</c> refusing a scope above the ceiling.</summary>
public sealed class ApiKeysCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-keys-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task CreateListRevoke_AndAScopeAboveTheCeilingIsRefused()
    {
        Dictionary<string, string> environment = [];
        var org = await ClearlineProcess.RunAsync(environment, "admin", "create-org", "--data", _data, "--name", "Police Example", "--kind", "LawEnforcement", "--country", "NL");
        Assert.True(org.ExitCode == 0, org.ToString());

        var refused = await ClearlineProcess.RunAsync(environment, "admin", "create-api-key", "--data", _data, "--org", "Police Example", "--name", "reveal", "--scopes", "media:read");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Empty(refused.StandardOutput);
        Assert.Contains("'media:read'", refused.StandardError, StringComparison.Ordinal);

        var created = await ClearlineProcess.RunAsync(environment, "admin", "create-api-key", "--data", _data, "--org", "Police Example", "--name", "check", "--scopes", "hashes:check");
        Assert.True(created.ExitCode == 0, created.ToString());
        var prefix = Assert.Single(created.OutputLines)[..12];

        var listed = await ClearlineProcess.RunAsync(environment, "api-keys", "list", "--data", _data, "--org", "Police Example");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var fields = Assert.Single(listed.OutputLines).Split('\t');
        Assert.Equal(("check", prefix, "active", "hashes:check"), (fields[1], fields[2], fields[3], fields[4]));

        var revoked = await ClearlineProcess.RunAsync(environment, "api-keys", "revoke", "--data", _data, "--org", "Police Example", "--key", prefix);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        var after = await ClearlineProcess.RunAsync(environment, "api-keys", "list", "--data", _data, "--org", "Police Example");
        Assert.Equal("revoked", Assert.Single(after.OutputLines).Split('\t')[3]);
    }
}
