using System.Net;
using Clearline.Database;
using Clearline.Tests.Cli;
using Clearline.Tests.Infrastructure;
using Clearline.WebHost;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Clearline.Tests.WebHost;

public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_WorkingDatabaseAndStore_Returns200()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);

        var response = await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_DatabaseUnreachable_Returns503AndTheProcessKeepsServing()
    {
        var data = Directory.CreateTempSubdirectory("clearline-test-").FullName;
        var app = ClearlineWebApp.Build(new HostSettings(data), builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = $"Host=127.0.0.1;Port={ClearlineProcess.FreePort()};Username=nobody;Timeout=2",
            });
        });
        await using (app)
        {
            await app.StartAsync(Ct);
            var client = app.GetTestClient();

            var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
            var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
            var api = await client.GetAsync(new Uri("/api/v1/organisations/me", UriKind.Relative), Ct);

            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            await ProblemAssert.IsProblemAsync(api, HttpStatusCode.ServiceUnavailable);
            await app.StopAsync(Ct);
        }

        Directory.Delete(data, recursive: true);
    }
}
