using Clearline.Identity;

namespace Clearline.Tests.Cli;

/// <summary><c>clearline admin set-role|disable-user|…</c>: the operator reaches the same use cases, and the same rules, as the People page.</summary>
public sealed class AdminPeopleCommandsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-people-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task DisableAndSetRole_KeepTheLastAdministratorAndTheKindsRoles()
    {
        Assert.Equal(0, (await AdminAsync("create-org", "--name", "Hotline CLI", "--kind", "Hotline", "--country", "NL")).ExitCode);
        Assert.Equal(0, (await AdminAsync("create-user", "--org", "Hotline CLI", "--email", "first@example.invalid", "--role", "OrgAdmin")).ExitCode);

        var lastAdmin = await AdminAsync("disable-user", "--org", "Hotline CLI", "--email", "first@example.invalid");
        var police = await AdminAsync("set-role", "--org", "Hotline CLI", "--email", "first@example.invalid", "--role", "LeaOfficer");
        Assert.Equal(0, (await AdminAsync("create-user", "--org", "Hotline CLI", "--email", "second@example.invalid", "--role", "OrgAdmin")).ExitCode);
        var disabled = await AdminAsync("disable-user", "--org", "Hotline CLI", "--email", "first@example.invalid");

        Assert.True(lastAdmin.ExitCode == 2, lastAdmin.ToString());
        Assert.Equal($"error: {UserAdministration.LastAdministrator}", Assert.Single(lastAdmin.ErrorLines));
        Assert.True(police.ExitCode == 2, police.ToString());
        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        // Besides the log's warning that media is encrypted under a generated key (the audit seals read the key ring).
        Assert.Contains(disabled.ErrorLines, l => l.Contains("disabled", StringComparison.Ordinal));
        Assert.Empty(disabled.StandardOutput);
    }

    private Task<ProcessResult> AdminAsync(string command, params string[] args) =>
        ClearlineProcess.RunAsync(null, ["admin", command, "--data", _data, .. args]);
}
