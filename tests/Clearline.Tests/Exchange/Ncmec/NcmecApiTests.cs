using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Tests.HashLists.Import;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Exchange.Ncmec;

public sealed class NcmecApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Put_Source_TheWorkerPullsAndGetShowsTheStateWithoutTheCredentials(DatabaseProvider provider)
    {
        await using var server = await NcmecServer.StartAsync();
        server.Pages.Add(([NcmecServer.Image("image1", md5: new string('a', 32)), NcmecServer.DeletedImage("image9")], "2017-10-24T15:20:00Z"));
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, organisation.Id));
        var client = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.HashListsWrite, ApiScopes.HashListsRead));
        var url = new Uri($"/api/v1/hashlists/{listId}/ncmec", UriKind.Relative);

        var before = await GetJsonAsync(client, url);
        var put = await client.PutAsJsonAsync(url, new
        {
            environment = "NpoCsam", baseUrl = server.BaseUrl.AbsoluteUri, username = NcmecServer.Username, password = NcmecServer.Password, pullIntervalMinutes = 30,
        }, Ct);
        var saved = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(put)).RootElement;
        var done = await WaitForAsync(client, url, s => s.GetProperty("state").GetString() != "waiting");

        Assert.False(before.GetProperty("configured").GetBoolean());
        Assert.True(saved.GetProperty("configured").GetBoolean());
        Assert.Equal(("uptodate", 1, 30), (done.GetProperty("state").GetString(), done.GetProperty("entriesAdded").GetInt32(), done.GetProperty("pullIntervalMinutes").GetInt32()));
        Assert.Equal("2017-10-24T15:20:00+00:00", done.GetProperty("checkpoint").GetString());
        var text = done.GetRawText();
        Assert.DoesNotContain(NcmecServer.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(NcmecServer.Username, text, StringComparison.Ordinal);

        var pull = await client.PostAsync(new Uri(url + "/pull", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, pull.StatusCode);
    }

    [Theory]
    [BothDatabases]
    public async Task Put_BadInput_Answers400NamingTheField(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var organisation = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, organisation.Id));
        var client = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.HashListsWrite, ApiScopes.HashListsRead));
        var url = new Uri($"/api/v1/hashlists/{listId}/ncmec", UriKind.Relative);

        var insecure = await client.PutAsJsonAsync(url, new { environment = "NpoCsam", baseUrl = "http://ncmec.example/npo", username = "u", password = "p" }, Ct);
        var unknown = await client.PutAsJsonAsync(url, new { environment = "Elsewhere", username = "u", password = "p" }, Ct);
        var pull = await client.PostAsync(new Uri(url + "/pull", UriKind.Relative), null, Ct);

        var problem = await ProblemAssert.IsProblemAsync(insecure, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("baseUrl", out _), problem.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pull.StatusCode);
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Uri url, Func<JsonElement, bool> done)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            var source = await GetJsonAsync(client, url);
            if (done(source))
            {
                return source;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, Uri uri) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(uri, Ct))).RootElement;
}
