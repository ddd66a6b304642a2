using System.Security.Cryptography;
using Clearline.Database;
using Clearline.Events;
using Clearline.Exchange.Ncmec;
using Clearline.Jobs;
using Clearline.HashLists;
using Clearline.Matching;
using Clearline.Organisations;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Exchange.Ncmec;

public sealed class NcmecFeedbackTests
{
    private static readonly string Md5A = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task WrongMatch_OnAnNcmecEntryWithFeedbackOn_SendsNegativeFeedbackWithTheOnlyReason(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A)], "2017-10-24T15:20:00Z"));
        Assert.True((await bed.ConfigureAsync(bed.Request(feedback: true))).IsSuccess);
        await bed.PullAsync();
        var entry = Assert.Single(await bed.EntriesAsync());

        await ReviewAsync(bed, entry.Id, MatchReview.Wrong, MatchReview.Unreviewed);
        var job = Assert.Single(await bed.JobsAsync(NcmecFeedbackJob.Kind));
        await RunAsync(bed, job);

        var (path, body) = Assert.Single(bed.Server.Feedback);
        Assert.Equal("/npo/v2/entries/42/image1/MD5/feedback", path);
        Assert.Contains($"<negative><reasonIds><guid>{NcmecServer.ReasonGuid}</guid></reasonIds></negative>", body, StringComparison.Ordinal);
        Assert.Contains("<feedbackSubmission xmlns=\"https://hashsharing.ncmec.org/hashsharing/v2\">", body, StringComparison.Ordinal);
        Assert.Equal(1, (await bed.SourceAsync())!.FeedbackSent);
    }

    [Theory]
    [BothDatabases]
    public async Task WrongMatch_WithFeedbackOffOrAConfirmedMatch_SendsNothing(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A)], "2017-10-24T15:20:00Z"));
        await bed.PullAsync();
        var entry = Assert.Single(await bed.EntriesAsync());

        await ReviewAsync(bed, entry.Id, MatchReview.Wrong, MatchReview.Unreviewed);
        Assert.True((await bed.ConfigureAsync(bed.Request(feedback: true))).IsSuccess);
        await ReviewAsync(bed, entry.Id, MatchReview.Confirmed, MatchReview.Unreviewed);

        Assert.Empty(await bed.JobsAsync(NcmecFeedbackJob.Kind));
    }

    [Theory]
    [BothDatabases]
    public async Task WrongMatch_RecordedByMatchReviews_QueuesTheFeedbackInTheSameUnitOfWork(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A)], "2017-10-24T15:20:00Z"));
        Assert.True((await bed.ConfigureAsync(bed.Request(feedback: true))).IsSuccess);
        await bed.PullAsync();
        var entry = Assert.Single(await bed.EntriesAsync());
        var match = await bed.Database.InScopeAsync(sp => HashListSeed.AddMatchAsync(sp, entry));
        var caller = new HashListCaller(new HashListViewer(bed.OrganisationId, OrganisationKind.Hotline), Clearline.Audit.AuditActor.System);

        var reviewed = await bed.Database.InScopeAsync(sp => sp.GetRequiredService<MatchReviews>().ReviewAsync(match.Id, MatchReview.Wrong, caller, Ct));

        Assert.True(reviewed.IsSuccess, reviewed.Error?.Message);
        var job = Assert.Single(await bed.JobsAsync(NcmecFeedbackJob.Kind));
        Assert.Equal(new NcmecFeedbackJob((await bed.SourceAsync())!.Id, entry.Id, "MD5", match.Id), JobPayload.Deserialize<NcmecFeedbackJob>(job.Payload));
    }

    private static Task ReviewAsync(NcmecTestBed bed, long knownHashId, MatchReview review, MatchReview previous) =>
        bed.Database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            await using var transaction = await sp.GetRequiredService<UnitOfWork>().BeginAsync(Ct);
            await sp.GetRequiredService<EventAnnouncer>().AnnounceAsync(
                new MatchReviewed(Guid.NewGuid(), bed.ListId, knownHashId, MatchedHash.Md5, review, previous, bed.OrganisationId), Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
        });

    private static Task RunAsync(NcmecTestBed bed, Job job) =>
        bed.Database.InScopeAsync(sp => sp.GetRequiredService<NcmecFeedbackJobHandler>().HandleAsync(
            JobPayload.Deserialize<NcmecFeedbackJob>(job.Payload), new JobContext(job.Id, job.Kind, 1, job.OrganisationId), Ct));
}
