using System.Net;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using FormatReader = Clearline.Tests.HashLists.Formats.HashLists;

namespace Clearline.Tests.HashLists.Import;

public sealed class HashListImportsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Post_File_Returns202AndTheWorkerImportsIt(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var (organisation, listId) = await CreateListAsync(app);
        var client = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.HashListsWrite, ApiScopes.HashListsRead));
        var csv = $"md5,category\n{FormatReader.Md5("api A")},1\nbad-1,1\nbad-2,1\n{FormatReader.Md5("api B")},0\nbad-3,1\n";

        var response = await client.PostAsync(
            new Uri($"/api/v1/hashlists/{listId}/imports?format=csv&fileName=partner.csv", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(("queued", "partner.csv", "csv"), (accepted.GetProperty("state").GetString(), accepted.GetProperty("fileName").GetString(), accepted.GetProperty("format").GetString()));
        Assert.Equal($"/api/v1/hashlists/{listId}/imports/{accepted.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);

        var done = await WaitForEndAsync(client, response.Headers.Location!);
        Assert.Equal(("completed", 2, 3, 6), (done.GetProperty("state").GetString(), done.GetProperty("entriesAdded").GetInt32(),
            done.GetProperty("errorCount").GetInt32(), done.GetProperty("linesRead").GetInt32()));

        var first = await GetJsonAsync(client, new Uri(response.Headers.Location + "/errors?limit=2", UriKind.Relative));
        Assert.Equal([3, 4], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await GetJsonAsync(client, new Uri(response.Headers.Location + $"/errors?limit=2&cursor={cursor}", UriKind.Relative));
        Assert.Equal([6], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [BothDatabases]
    public async Task AnotherOrganisationsListOrImport_Answers404(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var (owner, listId) = await CreateListAsync(app);
        var ownerClient = app.CreateClient(await app.CreateApiKeyAsync(owner, ApiScopes.HashListsWrite, ApiScopes.HashListsRead));
        var created = await ownerClient.PostAsync(new Uri($"/api/v1/hashlists/{listId}/imports", UriKind.Relative), new StringContent("md5\nzz\n"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var other = app.CreateClient(await app.CreateApiKeyAsync(await app.CreateOrganisationAsync(), ApiScopes.HashListsWrite, ApiScopes.HashListsRead));

        var post = await other.PostAsync(new Uri($"/api/v1/hashlists/{listId}/imports", UriKind.Relative), new StringContent("md5\n"), Ct);
        var get = await other.GetAsync(created.Headers.Location, Ct);
        var errors = await other.GetAsync(new Uri(created.Headers.Location + "/errors", UriKind.Relative), Ct);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { post.StatusCode, get.StatusCode, errors.StatusCode });
    }

    [Theory]
    [BothDatabases]
    public async Task Post_WithoutWriteScopeOrKey_Answers403Or401(DatabaseProvider provider)
    {
        await using var app = await ClearlineTestApp.StartAsync(provider);
        var (organisation, listId) = await CreateListAsync(app);
        var readOnly = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.HashListsRead));
        var uri = new Uri($"/api/v1/hashlists/{listId}/imports", UriKind.Relative);

        await ProblemAssert.IsProblemAsync(await readOnly.PostAsync(uri, new StringContent("md5\n"), Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsync(uri, new StringContent("md5\n"), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_UnknownFormat_Answers400()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite);
        var (organisation, listId) = await CreateListAsync(app);
        var client = app.CreateClient(await app.CreateApiKeyAsync(organisation, ApiScopes.HashListsWrite));

        var response = await client.PostAsync(new Uri($"/api/v1/hashlists/{listId}/imports?format=xml", UriKind.Relative), new StringContent("<x/>"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("vics, csv, tsv, pdq", problem.GetProperty("errors").GetProperty("format")[0].GetString(), StringComparison.Ordinal);
    }

    private static async Task<(Organisation Organisation, Guid ListId)> CreateListAsync(ClearlineTestApp app)
    {
        var organisation = await app.CreateOrganisationAsync();
        var listId = await app.AsSystemAsync(sp => ImportTestBed.CreateListAsync(sp, organisation.Id));
        return (organisation, listId);
    }

    private static async Task<JsonElement> WaitForEndAsync(HttpClient client, Uri location)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            var import = await GetJsonAsync(client, location);
            if (import.GetProperty("state").GetString() is "completed" or "failed")
            {
                return import;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, Uri uri) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await client.GetAsync(uri, Ct))).RootElement;
}
