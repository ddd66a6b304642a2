using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Organisations;
using Clearline.Results;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.HashLists.Management.ManagementFixture;

namespace Clearline.Tests.HashLists.Management;

public sealed class MatchReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task FalseMatchRate_IsWrongOverReviewed_AndNullUntilSomethingIsReviewed(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var (list, matches) = await database.InScopeAsync(async sp =>
        {
            var l = await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.Network);
            var entries = await HashListSeed.AddEntriesAsync(sp, l.Id, 1);
            var m = new List<MediaMatch>();
            for (var i = 0; i < 6; i++)
            {
                m.Add(await HashListSeed.AddMatchAsync(sp, entries[0]));
            }

            return (l, m);
        });

        var before = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().GetAsync(list.Id, Caller(a).Viewer, Ct));
        Assert.Equal(6, before!.Stats.Matches);
        Assert.Null(before.Stats.FalseMatchRate);

        await database.InScopeAsync(async sp =>
        {
            var reviews = sp.GetRequiredService<MatchReviews>();
            foreach (var (match, review) in matches.Zip([MatchReview.Confirmed, MatchReview.Confirmed, MatchReview.Confirmed, MatchReview.Wrong]))
            {
                Assert.True((await reviews.ReviewAsync(match.Id, review, Caller(a), Ct)).IsSuccess);
            }
        });
        var after = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().GetAsync(list.Id, Caller(a).Viewer, Ct));

        Assert.Equal(new HashListStats(1, 0, 6, 3, 1), after!.Stats);
        Assert.Equal(0.25, after.Stats.FalseMatchRate);
    }

    [Theory]
    [BothDatabases]
    public async Task Review_ByAnOrganisationThatSeesTheList_RecordsWhoAndRemarkingIsAuditedAgain_OthersGetNotFound(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var b = await database.OrganisationAsync(OrganisationKind.Hotline, "DE");
        var (networkMatch, privateMatch) = await database.InScopeAsync(async sp =>
        {
            var shared = await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.Network);
            var hidden = await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.OwnOrganisation);
            return (await HashListSeed.AddMatchAsync(sp, (await HashListSeed.AddEntriesAsync(sp, shared.Id, 1))[0]),
                await HashListSeed.AddMatchAsync(sp, (await HashListSeed.AddEntriesAsync(sp, hidden.Id, 1))[0]));
        });
        var userId = Guid.NewGuid();
        var caller = Caller(b) with { Actor = AuditActor.User(userId), UserId = userId };

        var (first, second, hiddenResult, unreviewed, audits) = await database.InScopeAsync(async sp =>
        {
            var reviews = sp.GetRequiredService<MatchReviews>();
            var r1 = await reviews.ReviewAsync(networkMatch.Id, MatchReview.Wrong, caller, Ct);
            var wrongReview = r1.Value!.Review;
            var r2 = await reviews.ReviewAsync(networkMatch.Id, MatchReview.Confirmed, caller, Ct);
            return (wrongReview, r2, await reviews.ReviewAsync(privateMatch.Id, MatchReview.Wrong, caller, Ct),
                await reviews.ReviewAsync(networkMatch.Id, MatchReview.Unreviewed, caller, Ct),
                await HashListSeed.CountAuditAsync(sp, AuditAction.MatchReviewed, $"match:{networkMatch.Id:D}"));
        });

        Assert.Equal(MatchReview.Wrong, first);
        Assert.Equal(MatchReview.Confirmed, second.Value!.Review);
        Assert.Equal((userId, b.Id), (second.Value.ReviewedBy, second.Value.ReviewedByOrganisationId));
        Assert.NotNull(second.Value.ReviewedAt);
        Assert.IsType<NotFoundError>(hiddenResult.Error);
        Assert.Equal("review", Assert.IsType<InvalidError>(unreviewed.Error).Field);
        Assert.Equal(2, audits);
    }
}
