using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Jobs;
using Clearline.Media.Tests;
using Clearline.Organisations;
using Clearline.Tests.Classification;
using Clearline.Tests.Exchange.Federation;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Clearline.Tests.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Tenancy;

/// <summary>
/// Two hotlines, A (NL) and B (DE), each with a key holding every scope a hotline's key may hold, and a real row of A's
/// behind every route parameter of the API: API key, person, job, report, crawled URL, route, hash list, entry, import,
/// match and media item.
/// </summary>
internal sealed class TenantRows
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Dictionary<(string Resource, string Parameter), string> _ids;

    private TenantRows(Organisation a, HttpClient clientA, Organisation b, HttpClient clientB, Dictionary<(string, string), string> ids)
    {
        A = a;
        ClientA = clientA;
        B = b;
        ClientB = clientB;
        _ids = ids;
    }

    public Organisation A { get; }

    public HttpClient ClientA { get; }

    public Organisation B { get; }

    public HttpClient ClientB { get; }

    /// <summary>A's id for <paramref name="parameter"/> of a path under <c>/api/v1/{resource}</c>; null when none was seeded.</summary>
    public string? IdOf(string resource, string parameter) => _ids.GetValueOrDefault((resource, parameter));

    public static async Task<TenantRows> SeedAsync(RoutingNetwork network)
    {
        var app = network.App;
        var a = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "NL");
        var b = await app.CreateOrganisationAsync(OrganisationKind.Hotline, "DE");
        var clientA = app.CreateClient(await app.CreateApiKeyAsync(a, [.. ScopeCeilings.For(OrganisationKind.Hotline)]));
        var clientB = app.CreateClient(await app.CreateApiKeyAsync(b, [.. ScopeCeilings.For(OrganisationKind.Hotline)]));

        // A reported a page whose content is hosted in NL, so it is routed to A itself.
        var crawl = await network.ReportAndRouteAsync(new Member(a, clientA), ("NL", "192.0.2.10"));
        var (reportId, urlId) = await app.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var url = db.Set<CrawledUrl>().First(u => u.CrawlId == crawl.CrawlId && u.Role == UrlRole.Media);
            return Task.FromResult((url.ReportId, url.Id));
        });
        var (listId, entryId, matchId, jobId) = await app.AsSystemAsync(async sp =>
        {
            var list = await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.OwnOrganisation);
            var entry = (await HashListSeed.AddEntriesAsync(sp, list.Id, 1))[0];
            var match = await HashListSeed.AddMatchAsync(sp, entry);
            var job = sp.GetRequiredService<JobQueue>().Enqueue("sweep", new { }, a.Id);
            await sp.GetRequiredService<ClearlineDbContext>().SaveChangesAsync(Ct);
            return (list.Id, entry.Id, match.Id, job.Id);
        });
        var sha256 = await new AssessmentNetwork(app).FoundAsync(BenignImages.SceneJpeg(64, 64, seed: 811), new Analyst(a, clientA));
        var import = await clientA.PostAsync(
            new Uri($"/api/v1/hashlists/{listId}/imports?format=csv&fileName=sweep.csv", UriKind.Relative), ImportBody(), Ct);
        var importId = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(import)).RootElement.GetProperty("id").GetGuid();
        var hold = await clientA.PostAsJsonAsync(new Uri("/api/v1/holds", UriKind.Relative), new { reportId, reason = "Sweep case 1" }, Ct);
        var holdId = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(hold)).RootElement.GetProperty("id").GetGuid();
        var keys = await clientA.GetAsync(new Uri("/api/v1/api-keys", UriKind.Relative), Ct);
        var keyId = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(keys)).RootElement[0].GetProperty("id").GetGuid();
        var subscription = await app.AsSystemAsync(sp => FederationSeed.SubscribeAsync(sp, a));
        var person = await app.CreateUserAsync(a, Role.Analyst);
        await ProblemAssert.IsSuccessAsync(await clientA.PostAsJsonAsync(new Uri("/api/v1/public-reports", UriKind.Relative), new { urls = new[] { "https://sweep.example.invalid/public" } }, Ct));
        var triage = await clientA.GetAsync(new Uri("/api/v1/triage", UriKind.Relative), Ct);
        var triageId = JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(triage)).RootElement[0].GetProperty("id").GetGuid();

        var ids = new Dictionary<(string, string), string>
        {
            [("api-keys", "id")] = keyId.ToString(),
            [("people", "id")] = person.User.Id.ToString(),
            [("jobs", "id")] = jobId.ToString(),
            [("reports", "id")] = reportId.ToString(),
            [("urls", "id")] = urlId.ToString(),
            [("routes", "id")] = crawl.Routes[0].ToString(),
            [("hashlists", "id")] = listId.ToString(),
            [("hashlists", "entryId")] = entryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [("hashlists", "importId")] = importId.ToString(),
            [("compat", "bank_name")] = listId.ToString(),
            [("matches", "id")] = matchId.ToString(),
            [("holds", "id")] = holdId.ToString(),
            [("media", "sha256")] = sha256,
            [("triage", "id")] = triageId.ToString(),
            [("federation", "id")] = subscription.Id.ToString(),
        };
        return new TenantRows(a, clientA, b, clientB, ids);
    }

    /// <summary>A one-line CSV hash list, valid for an import.</summary>
    public static StringContent ImportBody() => new("md5\n" + HashListSeed.Hex("sweep import", 16) + "\n", Encoding.UTF8, "text/csv");
}
