using System.Security.Cryptography;
using System.Text;
using Clearline.Database;
using Clearline.Exchange.Ncmec;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.Exchange.Ncmec;

public sealed class NcmecPullTests
{
    private static readonly string Md5A = RandomHex(16);
    private static readonly string Md5B = RandomHex(16);
    private static readonly string Sha1A = RandomHex(20);
    private static readonly string PdqA = RandomHex(32);
    private static readonly string PdqB = RandomHex(32);
    private static readonly string PhotoDnaA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(144));

    [Theory]
    [BothDatabases]
    public async Task Pull_PagedEntries_KeepsFingerprintsAndClassificationAndMovesTheCheckpoint(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", "A1", md5: Md5A.ToUpperInvariant(), sha1: Sha1A, pdq: PdqA, pdna: PhotoDnaA),
            NcmecServer.Video("video1", Md5B)], "2017-10-24T15:20:00Z"));
        bed.Server.Pages.Add(([NcmecServer.Image("image2", "B2", pdq: PdqB), NcmecServer.Image("image3", classification: null)], "2017-10-25T09:00:00Z"));

        var source = await bed.PullAsync();

        Assert.Equal((NcmecSourceState.UpToDate, null), (source.State, source.LastError));
        Assert.Equal(new DateTimeOffset(2017, 10, 25, 9, 0, 0, TimeSpan.Zero), source.Checkpoint);
        Assert.Equal((3L, 1L), (source.EntriesAdded, source.EntriesSkipped));
        Assert.Contains("image:42:image3", source.LastSkipped, StringComparison.Ordinal);
        var entries = await bed.EntriesAsync();
        Assert.Equal(
            [("image:42:image1", "A1", Md5A, Sha1A, PdqA, PhotoDnaA), ("video:42:video1", "B2", Md5B, null, null, null), ("image:42:image2", "B2", null, null, PdqB, null)],
            entries.Select(e => (e.SourceId, e.Category, e.Md5, e.Sha1, e.Pdq, e.PhotoDna)).OrderBy(e => e.SourceId == "image:42:image2" ? 1 : 0));
        var requests = bed.Server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.StartsWith("GET /npo/v2/entries?from=1970-01-01T00%3A00%3A00Z&to=", requests[0], StringComparison.Ordinal);
        Assert.Contains("&start=1000&size=1000", requests[1], StringComparison.Ordinal);
        Assert.NotNull(source.NextPullJobId);
        Assert.True(source.NextPullAt > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_DeletedAndChangedEntries_TombstoneTheOldOnesAndTheNextWindowStartsAtTheCheckpoint(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A), NcmecServer.Image("image2", "A2", md5: Md5B)], "2017-10-24T15:20:00Z"));
        await bed.PullAsync();

        bed.Server.Pages.Clear();
        bed.Server.Pages.Add(([NcmecServer.DeletedImage("image1"), NcmecServer.Image("image2", "A2", pdq: PdqA)], "2017-10-26T00:00:00Z"));
        var source = await bed.PullAsync();

        Assert.Equal((2L + 1L, 1L), (source.EntriesAdded, source.EntriesDeleted));
        var all = await bed.EntriesAsync(liveOnly: false);
        Assert.Equal(
            [("image:42:image1", Md5A, (string?)null, "deleted by NCMEC"), ("image:42:image2", Md5B, null, "changed by NCMEC (other fingerprints)"), ("image:42:image2", null, PdqA, null)],
            all.Select(e => (e.SourceId, e.Md5, e.Pdq, e.TombstoneReason)));
        Assert.StartsWith("GET /npo/v2/entries?from=2017-10-24T15%3A20%3A00Z&to=", bed.Server.Requests.Last(), StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_TwoMembersSharingAnEntry_EachKeepTheirOwn_AndOnesDeletionLeavesTheOthersMatching(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", "A1", member: "42", md5: Md5A), NcmecServer.Image("image9", "A1", member: "77", md5: Md5A)], "2017-10-24T15:20:00Z"));
        Assert.Equal(2L, (await bed.PullAsync()).EntriesAdded);

        bed.Server.Pages.Clear();
        bed.Server.Pages.Add(([NcmecServer.DeletedImage("image1", member: "42")], "2017-10-26T00:00:00Z"));
        Assert.Equal(1L, (await bed.PullAsync()).EntriesDeleted);
        Assert.Equal([("image:77:image9", Md5A, "A1")], (await bed.EntriesAsync()).Select(e => (e.SourceId, e.Md5, e.Category)));

        // The other member reclassifies its entry: the old one is replaced, once.
        bed.Server.Pages.Clear();
        bed.Server.Pages.Add(([NcmecServer.Image("image9", "B1", member: "77", md5: Md5A)], "2017-10-27T00:00:00Z"));
        await bed.PullAsync();
        Assert.Equal(
            [("image:42:image1", "A1", "deleted by NCMEC"), ("image:77:image9", "A1", "replaced by NCMEC (another classification)"), ("image:77:image9", "B1", (string?)null)],
            (await bed.EntriesAsync(liveOnly: false)).Select(e => (e.SourceId, e.Category, e.TombstoneReason)));
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_TheSameEntriesAgain_AddsNothingTwice(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A), NcmecServer.Image("image1", md5: Md5A), NcmecServer.Image("image2", md5: Md5B)], "2017-10-24T15:20:00Z"));
        await bed.PullAsync();

        Assert.True((await bed.ConfigureAsync(bed.Request(startFrom: DateTimeOffset.UnixEpoch))).IsSuccess);
        var source = await bed.PullAsync();

        Assert.Equal((2L, 2L), (source.EntriesAdded, source.EntriesUnchanged));
        Assert.Equal(2, (await bed.EntriesAsync(liveOnly: false)).Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_ServerErrorOnTheSecondPage_KeepsTheFirstAndTheNextPullResumesAtTheFailedPage(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A)], "2017-10-24T15:20:00Z"));
        bed.Server.Pages.Add(([NcmecServer.Image("image2", md5: Md5B)], "2017-10-25T15:20:00Z"));
        var configured = await bed.ConfigureAsync(bed.Request());
        Assert.True(configured.IsSuccess, configured.Error?.Message);

        // The first page answers; the second fails.
        bed.Server.StallNext(TimeSpan.Zero);
        bed.Server.FailNext(503);
        var failed = await bed.PullAsync();

        Assert.Equal(NcmecSourceState.Failed, failed.State);
        Assert.Contains("HTTP 503", failed.LastError, StringComparison.Ordinal);
        Assert.Null(failed.Checkpoint);
        Assert.Contains("start=1000", failed.NextPage, StringComparison.Ordinal);
        Assert.Equal([Md5A], (await bed.EntriesAsync()).Select(e => e.Md5));
        Assert.True(failed.NextPullAt < DateTimeOffset.UtcNow.AddMinutes(16));

        var resumed = await bed.PullAsync();

        Assert.Equal((NcmecSourceState.UpToDate, 2L), (resumed.State, resumed.EntriesAdded));
        Assert.Equal(new DateTimeOffset(2017, 10, 25, 15, 20, 0, TimeSpan.Zero), resumed.Checkpoint);
        var requests = bed.Server.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Contains("start=1000", requests[2], StringComparison.Ordinal);
        Assert.Equal([Md5A, Md5B], (await bed.EntriesAsync()).Select(e => e.Md5));
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_TruncatedAnswer_FailsAndAppliesNothingOfIt(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A), NcmecServer.Image("image2", md5: Md5B)], "2017-10-24T15:20:00Z"));
        Assert.True((await bed.ConfigureAsync(bed.Request())).IsSuccess);
        bed.Server.TruncateNext();

        var source = await bed.PullAsync();

        Assert.Equal(NcmecSourceState.Failed, source.State);
        Assert.Contains("not complete XML", source.LastError, StringComparison.Ordinal);
        Assert.Empty(await bed.EntriesAsync());

        var retried = await bed.PullAsync();
        Assert.Equal((NcmecSourceState.UpToDate, 2L), (retried.State, retried.EntriesAdded));
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_SlowAnswer_FailsAfterTheTimeoutNamingIt(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider, new Dictionary<string, string?> { ["Ncmec:RequestTimeout"] = "00:00:01" });
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A)], "2017-10-24T15:20:00Z"));
        Assert.True((await bed.ConfigureAsync(bed.Request())).IsSuccess);
        bed.Server.StallNext(TimeSpan.FromSeconds(10));

        var source = await bed.PullAsync();

        Assert.Equal(NcmecSourceState.Failed, source.State);
        Assert.Contains("did not answer within 1 seconds (Ncmec:RequestTimeout)", source.LastError, StringComparison.Ordinal);
        Assert.Empty(await bed.EntriesAsync());
    }

    [Theory]
    [BothDatabases]
    public async Task Pull_WrongPassword_FailsSayingTheCredentialsWereRefused(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        bed.Server.Pages.Add(([NcmecServer.Image("image1", md5: Md5A)], "2017-10-24T15:20:00Z"));
        Assert.True((await bed.ConfigureAsync(bed.Request(password: "wrong password"))).IsSuccess);

        var source = await bed.PullAsync();

        Assert.Equal(NcmecSourceState.Failed, source.State);
        Assert.Contains("refused the credentials (HTTP 401)", source.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong password", source.LastError, StringComparison.Ordinal);
        Assert.Empty(await bed.EntriesAsync());
    }

    [Theory]
    [BothDatabases]
    public async Task Configure_Credentials_AreStoredSealed(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);

        var source = (await bed.ConfigureAsync(bed.Request())).Value!;

        var stored = (await bed.SourceAsync())!;
        Assert.Equal(-1, IndexOf(stored.SealedCredentials, Encoding.UTF8.GetBytes(NcmecServer.Password)));
        Assert.Equal(-1, IndexOf(stored.SealedCredentials, Encoding.UTF8.GetBytes(NcmecServer.Username)));
        var opened = await bed.Database.InScopeAsync(sp => Task.FromResult(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<NcmecCredentialVault>(sp).Open(stored)));
        Assert.Equal(new NcmecCredentials(NcmecServer.Username, NcmecServer.Password), opened);
        Assert.DoesNotContain(NcmecServer.Password, opened.ToString(), StringComparison.Ordinal);
        Assert.Equal(source.Id, stored.Id);
    }

    [Theory]
    [BothDatabases]
    public async Task Configure_BadInput_IsRefusedNamingTheField(DatabaseProvider provider)
    {
        await using var bed = await NcmecTestBed.CreateAsync(provider);
        var good = bed.Request();

        var refused = new[]
        {
            (await bed.ConfigureAsync(good with { BaseUrl = "http://hashsharing.example/npo" })).Error,
            (await bed.ConfigureAsync(good with { BaseUrl = "not a url" })).Error,
            (await bed.ConfigureAsync(good with { Password = null })).Error,
            (await bed.ConfigureAsync(good with { Username = null, Password = null })).Error,
            (await bed.ConfigureAsync(good with { PullIntervalMinutes = 1 })).Error,
            (await bed.ConfigureAsync(good with { Environment = (NcmecEnvironment)99 })).Error,
        };

        Assert.Equal(["baseUrl", "baseUrl", "password", "username", "pullIntervalMinutes", "environment"],
            refused.Select(e => Assert.IsType<Clearline.Results.InvalidError>(e).Field));
        Assert.Null(await bed.SourceAsync());
        var other = await bed.Database.InScopeAsync(sp => Clearline.Tests.HashLists.Import.ImportTestBed.CreateOrganisationAsync(sp, "Other"));
        Assert.IsType<Clearline.Results.NotFoundError>((await bed.ConfigureAsync(good, organisationId: other)).Error);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
