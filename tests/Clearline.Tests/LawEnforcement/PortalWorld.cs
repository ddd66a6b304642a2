using System.Net.Http.Json;
using System.Text.Json;
using Clearline.ApiKeys;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Media;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Previews;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Storage;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.LawEnforcement;

/// <summary>An item as seeded: its address, the report, content URL and route it was found through, and the hosting country.</summary>
internal sealed record PortalItem(string Sha256, Guid ReportId, Guid CrawledUrlId, Guid RouteId, string Url, string HostingCountry);

/// <summary>An organisation of the world with an API key holding every scope its kind's ceiling allows.</summary>
internal sealed record PortalMember(Organisation Organisation, HttpClient Client)
{
    public Guid Id => Organisation.Id;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative), PortalWorld.Ct);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body ?? new { }, PortalWorld.Ct);

    public async Task<JsonElement> GetJsonAsync(string path) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await GetAsync(path))).RootElement;
}

/// <summary>
/// The network the law-enforcement portals are tested in: hotlines of NL and DE, police units of NL and DE, INTERPOL,
/// the coordinator and an industry partner, each with a key at its kind's ceiling; intent methods seed stored items
/// found through a hotline's report, hosted in a country and routed there, classify them, refer them to police, and
/// sign people in for the pages.
/// </summary>
/// <remarks>Shared by every law-enforcement test (referrals, holds, evidence, ICSE, escalation, deconfliction).</remarks>
internal sealed class PortalWorld : IAsyncDisposable
{
    private static int _seed = 5000;

    private PortalWorld(ClearlineTestApp app) => App = app;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ClearlineTestApp App { get; }

    public PortalMember HotlineNl { get; private set; } = null!;

    public PortalMember HotlineDe { get; private set; } = null!;

    public PortalMember PoliceNl { get; private set; } = null!;

    public PortalMember PoliceDe { get; private set; } = null!;

    public PortalMember Interpol { get; private set; } = null!;

    public PortalMember Coordinator { get; private set; } = null!;

    public PortalMember Industry { get; private set; } = null!;

    /// <summary>Every member that is not law enforcement, for the 404 sweeps.</summary>
    public IReadOnlyList<PortalMember> NotLawEnforcement => [HotlineNl, HotlineDe, Coordinator, Industry];

    public static async Task<PortalWorld> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?> { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value;
        }

        var world = new PortalWorld(await ClearlineTestApp.StartAsync(provider, merged));
        world.HotlineNl = await world.JoinAsync(OrganisationKind.Hotline, "NL");
        world.HotlineDe = await world.JoinAsync(OrganisationKind.Hotline, "DE");
        world.PoliceNl = await world.JoinAsync(OrganisationKind.LawEnforcement, "NL");
        world.PoliceDe = await world.JoinAsync(OrganisationKind.LawEnforcement, "DE");
        world.Interpol = await world.JoinAsync(OrganisationKind.Interpol, null);
        world.Coordinator = await world.JoinAsync(OrganisationKind.Coordinator, null);
        world.Industry = await world.JoinAsync(OrganisationKind.Industry, "US");
        return world;
    }

    /// <summary>
    /// Stores a benign item (original, a blurred preview, the fetch evidence and the page's HTML) found through a new report of
    /// <paramref name="reporter"/> at a content URL hosted in <paramref name="hostingCountry"/>, routed to the hotline of
    /// that country when the world has one (else to the reporter), and, when <paramref name="verdict"/> is given, classified
    /// by the reporter (National under <paramref name="jurisdiction"/>, by default the reporter's country).
    /// </summary>
    public Task<PortalItem> SeedItemAsync(PortalMember reporter, string hostingCountry, Verdict? verdict = Verdict.Baseline, string? jurisdiction = null) =>
        App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            var store = sp.GetRequiredService<MediaStore>();
            var seed = Interlocked.Increment(ref _seed);
            var bytes = Bytes(seed);
            var original = await store.PutAsync(new MemoryStream(bytes), Ct);
            var preview = await store.PutAsync(new MemoryStream(Bytes(seed + 1_000_000)), Ct);
            var now = DateTimeOffset.UtcNow;
            var pageUrl = $"https://board{seed}.example/thread/{seed}";
            var mediaUrl = $"https://img{seed}.example/{seed}.jpg";
            var html = await store.PutAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"<html><body><img src=\"{mediaUrl}\"></body></html>")), Ct);
            var evidence = new FetchEvidence(mediaUrl, mediaUrl, [], 200, [new("Content-Type", "image/jpeg")], "192.0.2.7", null, now.AddSeconds(-1), now, null, bytes.Length);
            var evidenceBlob = await store.PutAsync(new MemoryStream(evidence.ToJson()), Ct);
            var report = new Report { OrganisationId = reporter.Id, Url = pageUrl, NormalisedUrl = pageUrl, ReceivedAt = now.AddHours(-2), CreatedAt = now.AddHours(-2) };
            var crawl = new Crawl { OrganisationId = reporter.Id, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = now.AddHours(-2) };
            var page = new CrawledUrl
            {
                OrganisationId = reporter.Id, CrawlId = crawl.Id, ReportId = report.Id, Url = pageUrl, Role = UrlRole.Page, State = UrlFetchState.Fetched,
                Content = UrlContent.Page, BodySha256 = html.Sha256, CountryCode = hostingCountry, ServerAddress = "192.0.2.7", FetchedAt = now,
            };
            var url = new CrawledUrl
            {
                OrganisationId = reporter.Id, CrawlId = crawl.Id, ReportId = report.Id, Url = mediaUrl, Role = UrlRole.Media, Depth = 1, FoundOnId = page.Id, FoundIn = "img@src",
                State = UrlFetchState.Fetched, Content = UrlContent.Media, MediaSha256 = original.Sha256, EvidenceSha256 = evidenceBlob.Sha256, StatusCode = 200,
                ContentType = "image/jpeg", CountryCode = hostingCountry, ServerAddress = "192.0.2.7", Asn = 64500, NetworkOrganisation = "Example Hosting", FetchedAt = now,
            };
#pragma warning disable CA5350, CA5351 // MD5 and SHA-1 are the hashes ICSE and the hash lists exchange, not used for security.
            var item = new MediaItem
            {
                Sha256 = original.Sha256, Md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)),
                Sha1 = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes)), Format = MediaFormat.Jpeg, ByteLength = bytes.Length, FirstSeenAt = now,
            };
#pragma warning restore CA5350, CA5351
            var occurrence = new MediaOccurrence
            {
                OrganisationId = reporter.Id, ReportId = report.Id, CrawlId = crawl.Id, CrawledUrlId = url.Id, MediaSha256 = original.Sha256, FoundIn = "img@src", FoundAt = now,
            };
            var previewRow = new MediaPreview
            {
                MediaSha256 = original.Sha256, Kind = PreviewKind.GreyBlurred, BlobSha256 = preview.Sha256, ContentType = "image/jpeg", Width = 8, Height = 8, CreatedAt = now,
            };
            var assigned = hostingCountry switch { "NL" => HotlineNl.Id, "DE" => HotlineDe.Id, _ => reporter.Id };
            var route = new ContentRoute
            {
                ReportingOrganisationId = reporter.Id, ReportId = report.Id, CrawledUrlId = url.Id, CountryCode = hostingCountry, ServerAddress = "192.0.2.7",
                AssignedOrganisationId = assigned, State = RouteState.Assigned, RoutedAt = now,
            };
            db.AddRange(report, crawl, page, url, item, occurrence, previewRow, route);
            if (verdict is { } decided)
            {
                db.Add(new MediaClassification
                {
                    MediaSha256 = original.Sha256, Verdict = decided, Jurisdiction = decided == Verdict.National ? jurisdiction ?? reporter.Organisation.CountryCode : null,
                    AgeGroup = AgeGroup.PrePubescent, OrganisationId = reporter.Id, ClassifiedAt = now,
                });
            }

            await db.SaveChangesAsync(Ct);
            return new PortalItem(original.Sha256, report.Id, url.Id, route.Id, mediaUrl, hostingCountry);
        });

    /// <summary>The hotline the item's route is assigned to records ReportedToLea with <paramref name="reason"/> (its police unit receives a referral).</summary>
    public async Task<HttpResponseMessage> ReferAsync(PortalItem item, string reason = "PossibleNewVictim", string? note = "Child may be unidentified")
    {
        var hotline = item.HostingCountry == "DE" ? HotlineDe : HotlineNl;
        return await hotline.PostAsync($"/api/v1/routes/{item.RouteId}/actions", new { kind = "ReportedToLea", reason, note });
    }

    /// <summary>A person of <paramref name="member"/> with <paramref name="role"/>, signed in in a new browser.</summary>
    public async Task<Browser> SignInAsync(PortalMember member, Role role)
    {
        var user = await App.CreateUserAsync(member.Organisation, role);
        var browser = new Browser(App.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(browser, user.User.Email!, user.OneTimePassword);
        return browser;
    }

    public Task<T> WithDatabaseAsync<T>(Func<ClearlineDbContext, Task<T>> read) => App.AsSystemAsync(sp => read(sp.GetRequiredService<ClearlineDbContext>()));

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private async Task<PortalMember> JoinAsync(OrganisationKind kind, string? country)
    {
        var organisation = await App.CreateOrganisationAsync(kind, country);
        var scopes = ScopeCeilings.For(kind).ToArray();
        return new PortalMember(organisation, App.CreateClient(await App.CreateApiKeyAsync(organisation, scopes)));
    }

    /// <summary>Distinct benign bytes per seed (not a decodable picture: previews are seeded, originals only need to be stored).</summary>
    private static byte[] Bytes(int seed)
    {
        var bytes = new byte[512];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        return bytes;
    }
}
