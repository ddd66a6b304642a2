using Clearline.Audit;
using Clearline.Classification;
using Clearline.Crawling;
using Clearline.Database;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Reports;
using Clearline.Routing;
using Clearline.Takedown;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Statistics;

/// <summary>One content URL of a seeded report: its item, hosting country and what became of its route.</summary>
/// <param name="Sha256">The item found there.</param>
/// <param name="Country">The hosting country; null when unknown.</param>
/// <param name="Noticed">A notice was given to the host.</param>
/// <param name="TimeToRemoval">Confirmed removal this long after the report was received; null when not removed.</param>
/// <param name="Routed">Whether the URL was routed at all.</param>
/// <param name="AssignedTo">The hotline the route is assigned to; null for the reporting hotline.</param>
/// <param name="ReferredAfter">A ReportedToLea action this long after the report was received; null when not referred.</param>
/// <param name="ClosedNotIllegal">A NotIllegal action closed the route.</param>
/// <param name="Verdict">The verdict the route rests on (National: illegal under the reporting country's law).</param>
/// <param name="Withdrawn">The route is withdrawn (its decision no longer holds).</param>
/// <param name="Url">The content URL; null for one of its own (the same URL in two reports shares a first report).</param>
internal sealed record SeededContent(
    string Sha256, string? Country, bool Noticed = false, TimeSpan? TimeToRemoval = null, bool Routed = true, Organisation? AssignedTo = null,
    TimeSpan? ReferredAfter = null, bool ClosedNotIllegal = false, Verdict Verdict = Verdict.Baseline, bool Withdrawn = false, string? Url = null);

/// <summary>
/// Seeds reports, crawled URLs, routes, takedowns and classifications straight through the DbContext, with fixed
/// dates, so every statistic has an answer worked out by hand (<see cref="StatisticsNetwork"/>).
/// </summary>
internal sealed class StatisticsDataSet(ClearlineTestApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Sha(char digit) => new(digit, 64);

    /// <summary>A report by <paramref name="reporter"/> whose crawl found one page and the given content URLs.</summary>
    public Task<Guid> ReportAsync(Organisation reporter, DateTimeOffset receivedAt, SiteType siteType, params SeededContent[] content) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            // Each report a URL of its own: the network keeps one first report per URL.
            var reported = $"https://forum.example/thread/{Guid.NewGuid():N}";
            var report = new Report
            {
                OrganisationId = reporter.Id,
                Url = reported,
                NormalisedUrl = reported,
                ReceivedAt = receivedAt,
                CreatedAt = receivedAt,
                SiteType = siteType,
            };
            var crawl = new Crawl { OrganisationId = reporter.Id, ReportId = report.Id, State = CrawlState.Completed, CreatedAt = receivedAt };
            db.AddRange(report, crawl, Url(reporter, crawl, reported, UrlContent.Page, null, null));
            foreach (var (item, index) in content.Select((c, i) => (c, i)))
            {
                await EnsureItemAsync(db, item.Sha256);
                var url = Url(reporter, crawl, item.Url ?? $"https://img.example/{report.Id:N}/{index}.jpg", UrlContent.Media, item.Sha256, item.Country);
                db.Add(url);
                if (item.Routed)
                {
                    AddRoute(db, reporter, report, url, item);
                }
            }

            await db.SaveChangesAsync(Ct);
            return report.Id;
        });

    /// <summary>A classification of an item; <paramref name="superseded"/> makes it history rather than current.</summary>
    public Task ClassifyAsync(
        string sha256, Verdict verdict, ClassificationSource source, AgeGroup ageGroup = AgeGroup.NotCategorised, Gender gender = Gender.NotDetermined,
        string? jurisdiction = null, bool superseded = false) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await EnsureItemAsync(db, sha256);
            var at = new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);
            db.Add(new MediaClassification
            {
                MediaSha256 = sha256,
                Verdict = verdict,
                Jurisdiction = jurisdiction,
                AgeGroup = ageGroup,
                Gender = gender,
                Source = source,
                ClassifiedAt = at,
                SupersededAt = superseded ? at.AddDays(1) : null,
            });
            return await db.SaveChangesAsync(Ct);
        });

    private static CrawledUrl Url(Organisation reporter, Crawl crawl, string url, UrlContent content, string? sha256, string? country) => new()
    {
        OrganisationId = reporter.Id,
        CrawlId = crawl.Id,
        ReportId = crawl.ReportId,
        Url = url,
        Role = content == UrlContent.Media ? UrlRole.Media : UrlRole.Page,
        State = UrlFetchState.Fetched,
        Content = content,
        MediaSha256 = sha256,
        CountryCode = country,
    };

    private static void AddRoute(ClearlineDbContext db, Organisation reporter, Report report, CrawledUrl url, SeededContent item)
    {
        var route = new ContentRoute
        {
            ReportingOrganisationId = reporter.Id,
            ReportId = report.Id,
            CrawledUrlId = url.Id,
            CountryCode = item.Country,
            AssignedOrganisationId = (item.AssignedTo ?? reporter).Id,
            State = item.Withdrawn ? RouteState.Withdrawn : RouteState.Assigned,
            Verdict = item.Verdict,
            Jurisdiction = item.Verdict == Verdict.National ? "NL" : null,
            RoutedAt = report.ReceivedAt,
        };
        db.Add(route);
        if (item.ReferredAfter is { } referred)
        {
            db.Add(Action(route, TakedownActionKind.ReportedToLea, ActionReason.IllegalContent, report.ReceivedAt + referred));
        }

        if (item.ClosedNotIllegal)
        {
            db.Add(Action(route, TakedownActionKind.NotIllegal, ActionReason.DoesNotMeetThresholdForIllegality, report.ReceivedAt.AddHours(2)));
            db.Add(new RouteTakedown { RouteId = route.Id, State = TakedownState.NotIllegal });
        }

        if (!item.Noticed)
        {
            return;
        }

        var takedown = new RouteTakedown { RouteId = route.Id, State = TakedownState.AwaitingRemoval, NoticeAt = report.ReceivedAt.AddHours(1) };
        if (item.TimeToRemoval is { } duration)
        {
            takedown.State = TakedownState.Removed;
            takedown.ConfirmRemoval(report.ReceivedAt + duration, report.ReceivedAt);
        }

        db.Add(takedown);
    }

    private static TakedownAction Action(ContentRoute route, TakedownActionKind kind, ActionReason reason, DateTimeOffset at) => new()
    {
        RouteId = route.Id,
        Kind = kind,
        Reason = reason,
        At = at,
        OrganisationId = route.AssignedOrganisationId,
        ActorKind = AuditActorKind.System,
    };

    private static async Task EnsureItemAsync(ClearlineDbContext db, string sha256)
    {
        if (db.ChangeTracker.Entries<MediaItem>().Any(e => e.Entity.Sha256 == sha256) || await db.Set<MediaItem>().AnyAsync(m => m.Sha256 == sha256, Ct))
        {
            return;
        }

        db.Add(new MediaItem { Sha256 = sha256, Md5 = sha256[..32], Sha1 = sha256[..40], ByteLength = 1, FirstSeenAt = DateTimeOffset.UnixEpoch });
    }
}
