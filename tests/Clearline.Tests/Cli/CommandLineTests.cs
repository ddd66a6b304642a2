using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Clearline.Database;
using Clearline.Tests.Infrastructure;
using Npgsql;

namespace Clearline.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("clearline-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [BothDatabases]
    public async Task EndToEnd_CliCreatesOrgUserAndKey_ServeAnswersOrganisationsMe(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        var environment = Environment(provider);

        var org = await ClearlineProcess.RunAsync(environment, "admin", "create-org", "--data", _data, "--name", "Hotline Example", "--kind", "Hotline", "--country", "NL");
        var user = await ClearlineProcess.RunAsync(environment, "admin", "create-user", "--data", _data, "--org", "Hotline Example", "--email", "first.analyst@example.invalid", "--role", "Analyst");
        var key = await ClearlineProcess.RunAsync(environment, "admin", "create-api-key", "--data", _data, "--org", "Hotline Example", "--name", "intake", "--scopes", "organisation:read", "reports:write");

        Assert.True(org.ExitCode == 0, org.ToString());
        Assert.Empty(org.StandardOutput);
        Assert.True(user.ExitCode == 0, user.ToString());
        Assert.Equal(20, Assert.Single(user.OutputLines).Length);
        Assert.True(key.ExitCode == 0, key.ToString());
        var secret = Assert.Single(key.OutputLines);
        Assert.StartsWith("cl_", secret, StringComparison.Ordinal);

        var port = ClearlineProcess.FreePort();
        using var server = Process.Start(ClearlineProcess.StartInfo(environment, "serve", "--data", _data, "--urls", $"http://127.0.0.1:{port}"))!;

        // Drain the server's output, or a full pipe would block its logging.
        var serverOutput = server.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var serverErrors = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilReadyAsync(client, server, serverErrors);
            client.DefaultRequestHeaders.Authorization = new("Bearer", secret);

            var response = await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), TestContext.Current.CancellationToken);

            var body = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(response)).RootElement;
            Assert.Equal("Hotline Example", body.GetProperty("name").GetString());
            Assert.Equal("NL", body.GetProperty("countryCode").GetString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
            await Task.WhenAll(serverOutput, serverErrors);
        }
    }

    [Fact]
    public async Task CreateUser_UnknownOrganisation_ExitsWithOneLineAndNoSecret()
    {
        var result = await ClearlineProcess.RunAsync(null, "admin", "create-user", "--data", _data, "--org", "Nobody", "--email", "a@example.invalid", "--role", "Analyst");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Equal("error: No organisation named 'Nobody'.", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("XX", "'XX' is not an ISO 3166-1 alpha-2 country code.")]
    [InlineData(null, "A Hotline organisation needs an ISO 3166-1 alpha-2 country code.")]
    public async Task CreateOrg_BadCountry_ExitsWithOneLine(string? country, string message)
    {
        string[] args = ["admin", "create-org", "--data", _data, "--name", "Somewhere", "--kind", "Hotline"];
        var result = await ClearlineProcess.RunAsync(null, country is null ? args : [.. args, "--country", country]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {message}", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task CreateOrg_MissingName_IsAUsageErrorWithoutStackTrace()
    {
        var result = await ClearlineProcess.RunAsync(null, "admin", "create-org", "--data", _data, "--kind", "Hotline");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--name", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLEARLINE__Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("CLEARLINE__SignIn__IdleTimeoutMinutes", "1", "SignIn:IdleTimeoutMinutes")]
    [InlineData("CLEARLINE__Api__RequestsPerMinutePerKey", "0", "Api:RequestsPerMinutePerKey")]
    public async Task Serve_BadSetting_ExitsWithOneLineNamingTheSetting(string variable, string value, string setting)
    {
        var result = await ClearlineProcess.RunAsync(new Dictionary<string, string> { [variable] = value }, "serve", "--data", _data, "--urls", "http://127.0.0.1:0");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("configuration error:", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_FreshDirectory_CreatesTheDatabase()
    {
        var result = await ClearlineProcess.RunAsync(null, "db", "migrate", "--data", _data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(_data, "clearline.db")));
        Assert.Equal("database is up to date", Assert.Single((await ClearlineProcess.RunAsync(null, "db", "migrate", "--data", _data)).ErrorLines));
    }

    [Fact]
    public async Task Hash_TextFileAndMissingPath_PrintsAnErrorLineAndExits2()
    {
        var text = Path.Combine(_data, "note.txt");
        await File.WriteAllTextAsync(text, "not an image", TestContext.Current.CancellationToken);

        var result = await ClearlineProcess.RunAsync(null, "hash", text, Path.Combine(_data, "missing.jpg"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("path\tsha256\tmd5\tsha1\tpdq\tquality\twidth\theight\tformat\terror", result.OutputLines[0]);
        var fields = result.OutputLines[1].Split('\t');
        Assert.Equal(text, fields[0]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("not an image"u8)), fields[1]);
        Assert.Equal("unsupported", fields[^1]);
        Assert.Contains("missing.jpg", result.StandardError, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return [];
        }

        var connection = new NpgsqlConnectionStringBuilder(System.Environment.GetEnvironmentVariable(ClearlineTestApp.PostgresVariable))
        {
            Database = $"clearline_cli_{Guid.NewGuid():N}",
        };
        return new() { ["CLEARLINE__Database__Provider"] = "Postgres", ["CLEARLINE__Database__ConnectionString"] = connection.ConnectionString };
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process server, Task<string> serverErrors)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, "clearline serve exited early: " + (server.HasExited ? await serverErrors : ""));
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail("clearline serve did not become ready within a minute.");
    }
}
