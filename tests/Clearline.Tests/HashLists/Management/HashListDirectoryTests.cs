using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Results;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.HashLists.Management.ManagementFixture;

namespace Clearline.Tests.HashLists.Management;

public sealed class HashListDirectoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task List_ShowsOwnNetworkAndLawEnforcementListsByViewer_AndGetHidesTheRest(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var b = await database.OrganisationAsync(OrganisationKind.Hotline, "DE");
        var police = await database.OrganisationAsync(OrganisationKind.LawEnforcement);
        var (own, network, lawEnforcement, other) = await database.InScopeAsync(async sp => (
            await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.OwnOrganisation),
            await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.Network),
            await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.LawEnforcementOnly),
            await HashListSeed.AddListAsync(sp, b.Id, HashListVisibility.OwnOrganisation)));

        async Task<Guid[]> Visible(Organisation organisation) => await database.InScopeAsync(async sp =>
            (await sp.GetRequiredService<HashListDirectory>().ListAsync(Caller(organisation).Viewer, Ct)).Select(s => s.List.Id).Order().ToArray());

        Assert.Equal(new[] { own.Id, network.Id, lawEnforcement.Id, HashList.NetworkListId }.Order(), await Visible(a));
        Assert.Equal(new[] { network.Id, other.Id, HashList.NetworkListId }.Order(), await Visible(b));
        Assert.Equal(new[] { network.Id, lawEnforcement.Id, HashList.NetworkListId }.Order(), await Visible(police));
        await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            Assert.Null(await lists.GetAsync(own.Id, Caller(b).Viewer, Ct));
            Assert.Null(await lists.GetAsync(lawEnforcement.Id, Caller(b).Viewer, Ct));
            Assert.Null(await lists.ListEntriesAsync(own.Id, Caller(police).Viewer, null, 10, newestFirst: false, Ct));
            Assert.NotNull(await lists.GetAsync(lawEnforcement.Id, Caller(police).Viewer, Ct));
        });
    }

    [Theory]
    [BothDatabases]
    public async Task Create_UsesTheSchemeDefaultMapping_RefusesADuplicateName_AndIsAudited(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var request = new NewHashList("Partner set", "Project VIC", HashListKind.HotlineNetwork, HashListTrust.SuggestOnly, HashListVisibility.Network, CategoryScheme.VicsUs);

        var (created, duplicate, ownKind, audited) = await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            var first = await lists.CreateAsync(request, Caller(a), Ct);
            var second = await lists.CreateAsync(request with { Name = " Partner set " }, Caller(a), Ct);
            var own = await lists.CreateAsync(request with { Name = "Mine", Kind = HashListKind.OwnClassifications }, Caller(a), Ct);
            return (first, second, own, await HashListSeed.CountAuditAsync(sp, AuditAction.HashListCreated, $"hashlist:{first.Value!.Id:D}"));
        });

        Assert.True(created.IsSuccess);
        Assert.Equal(a.Id, created.Value.OwnerOrganisationId);
        Assert.Equal(CategoryMapping.Default(CategoryScheme.VicsUs).ToJson(), created.Value.Mapping.ToJson());
        Assert.Contains("already has a hash list named", Assert.IsType<ConflictError>(duplicate.Error).Message, StringComparison.Ordinal);
        Assert.Equal("kind", Assert.IsType<InvalidError>(ownKind.Error).Field);
        Assert.Equal(1, audited);
    }

    [Theory]
    [BothDatabases]
    public async Task Update_OnlyByTheOwner_NetworkListOnlyByTheCoordinatorAndOnlyItsMappingTrustAndState(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var b = await database.OrganisationAsync(OrganisationKind.Hotline, "DE");
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);
        var (shared, hidden) = await database.InScopeAsync(async sp => (
            await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.Network),
            await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.OwnOrganisation)));

        await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            Assert.IsType<NotListManager>((await lists.UpdateAsync(shared.Id, new HashListChanges(Active: false), Caller(b), Ct)).Error);
            Assert.IsType<NotFoundError>((await lists.UpdateAsync(hidden.Id, new HashListChanges(Active: false), Caller(b), Ct)).Error);
            Assert.IsType<NotListManager>((await lists.UpdateAsync(HashList.NetworkListId, new HashListChanges(Active: false), Caller(a), Ct)).Error);
            Assert.Equal("name", Assert.IsType<InvalidError>((await lists.UpdateAsync(HashList.NetworkListId, new HashListChanges(Name: "Mine"), Caller(coordinator), Ct)).Error).Field);

            var owned = await lists.UpdateAsync(shared.Id, new HashListChanges(Name: "Renamed", Trust: HashListTrust.AutoClassify, Active: false), Caller(a), Ct);
            var network = await lists.UpdateAsync(HashList.NetworkListId, new HashListChanges(Trust: HashListTrust.SuggestOnly), Caller(coordinator), Ct);
            Assert.True(owned.IsSuccess);
            Assert.True(network.IsSuccess);
        });

        var (renamed, networkList, audits) = await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (await db.Set<HashList>().AsNoTracking().SingleAsync(l => l.Id == shared.Id, Ct),
                await db.Set<HashList>().AsNoTracking().SingleAsync(l => l.Id == HashList.NetworkListId, Ct),
                await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == AuditAction.HashListUpdated).Select(e => e.Detail).ToListAsync(Ct));
        });
        Assert.Equal(("Renamed", HashListTrust.AutoClassify, false), (renamed.Name, renamed.Trust, renamed.Active));
        Assert.Equal(HashListTrust.SuggestOnly, networkList.Trust);
        Assert.Contains("changed=name,trust,active", audits);
        Assert.Equal(2, audits.Count);
    }

    [Theory]
    [BothDatabases]
    public async Task Tombstone_ByTheOwner_MarksTheEntryLogsTheRemovalAndIsAudited_OthersAreRefused(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var b = await database.OrganisationAsync(OrganisationKind.Hotline, "DE");
        var (list, entries) = await database.InScopeAsync(async sp =>
        {
            var l = await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.Network);
            return (l, await HashListSeed.AddEntriesAsync(sp, l.Id, 3));
        });
        var target = entries[1];

        await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            Assert.IsType<NotListManager>((await lists.TombstoneAsync(list.Id, target.Id, "false match", Caller(b), Ct)).Error);
            Assert.Equal("reason", Assert.IsType<InvalidError>((await lists.TombstoneAsync(list.Id, target.Id, "  ", Caller(a), Ct)).Error).Field);
            Assert.IsType<NotFoundError>((await lists.TombstoneAsync(HashList.NetworkListId, target.Id, "wrong list", Caller(a), Ct)).Error);

            var done = await lists.TombstoneAsync(list.Id, target.Id, "false match on a benign gradient", Caller(a), Ct);
            Assert.True(done.IsSuccess);
            Assert.NotNull(done.Value.TombstonedAt);
            Assert.IsType<ConflictError>((await lists.TombstoneAsync(list.Id, target.Id, "again", Caller(a), Ct)).Error);
        });

        var (page, summary, removals, audited) = await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            var db = sp.GetRequiredService<ClearlineDbContext>();
            return (await lists.ListEntriesAsync(list.Id, Caller(b).Viewer, null, 10, newestFirst: false, Ct),
                await lists.GetAsync(list.Id, Caller(b).Viewer, Ct),
                await db.Set<KnownHashRemoval>().Where(r => r.KnownHashId == target.Id).CountAsync(Ct),
                await HashListSeed.CountAuditAsync(sp, AuditAction.KnownHashTombstoned, $"knownhash:{target.Id}"));
        });
        var shown = page!.Items.Single(e => e.Id == target.Id);
        Assert.Equal("false match on a benign gradient", shown.TombstoneReason);
        Assert.NotNull(shown.TombstonedAt);
        Assert.Equal(3, page.Items.Count);
        Assert.Equal((2L, 1L), (summary!.Stats.LiveEntries, summary.Stats.TombstonedEntries));
        Assert.Equal(1, removals);
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Create_MappingLargerThanItsColumn_IsInvalidNotAnError()
    {
        await using var database = await ManagementFixture.CreateAsync(DatabaseProvider.Sqlite);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var huge = new CategoryMapping(Enumerable.Range(0, 400).ToDictionary(i => $"category number {i:D4}", _ => new CategoryRule(CategoryOutcome.Suggest)));

        var result = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().CreateAsync(
            new NewHashList("Huge", null, HashListKind.Industry, HashListTrust.SuggestOnly, HashListVisibility.OwnOrganisation, CategoryScheme.Custom, huge), Caller(a), Ct));

        Assert.Equal("mapping", Assert.IsType<InvalidError>(result.Error).Field);
    }

    [Theory]
    [BothDatabases]
    public async Task ListEntries_PagesByIdWithACursor(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var (list, entries) = await database.InScopeAsync(async sp =>
        {
            var l = await HashListSeed.AddListAsync(sp, a.Id, HashListVisibility.OwnOrganisation);
            return (l, await HashListSeed.AddEntriesAsync(sp, l.Id, 5));
        });

        var seen = new List<long>();
        long? cursor = null;
        var pages = 0;
        do
        {
            var page = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().ListEntriesAsync(list.Id, Caller(a).Viewer, cursor, 2, newestFirst: false, Ct));
            seen.AddRange(page!.Items.Select(e => e.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(entries.Select(e => e.Id).Order(), seen);
        Assert.Equal(3, pages);
        var newest = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().ListEntriesAsync(list.Id, Caller(a).Viewer, null, 2, newestFirst: true, Ct));
        var older = await database.InScopeAsync(sp => sp.GetRequiredService<HashListDirectory>().ListEntriesAsync(list.Id, Caller(a).Viewer, newest!.NextCursor, 2, newestFirst: true, Ct));
        Assert.Equal(entries.Select(e => e.Id).OrderDescending().Take(4), newest!.Items.Concat(older!.Items).Select(e => e.Id));
    }
}
