using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Results;
using Clearline.Tests.HashLists.Management;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearline.Tests.HashLists.Management.ManagementFixture;

namespace Clearline.Tests.HashLists.Approvals;

/// <summary>
/// The approval step itself: only the owner asks, only the coordinator decides (whatever the caller's scopes), the
/// approval freezes the mapping, a later change of it withdraws the approval, and list names are unique per owner.
/// </summary>
public sealed class HashListApprovalsTests
{
    private static readonly NewHashList Trusting = new(
        "Partner set", null, HashListKind.Industry, HashListTrust.AutoClassify, HashListVisibility.Network, CategoryScheme.Custom,
        new CategoryMapping(new Dictionary<string, CategoryRule> { ["K"] = new(CategoryOutcome.NotIllegal) }));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Approve_ByAnyoneButTheCoordinator_IsRefused_AndTheListGoesOnSuggesting(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var member = await database.OrganisationAsync(OrganisationKind.Hotline);
        var police = await database.OrganisationAsync(OrganisationKind.LawEnforcement);
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);

        var (byOwner, byPolice, stale, byCoordinator) = await database.InScopeAsync(async sp =>
        {
            var list = (await sp.GetRequiredService<HashListDirectory>().CreateAsync(Trusting, Caller(member), Ct)).Value!;
            var approvals = sp.GetRequiredService<HashListApprovals>();
            var request = (await approvals.RequestAsync(list.Id, Caller(member), Ct)).Value!;
            return (await approvals.ApproveAsync(list.Id, null, Caller(member), Ct),
                await approvals.ApproveAsync(list.Id, null, Caller(police), Ct),
                await approvals.ApproveAsync(list.Id, Guid.NewGuid(), Caller(coordinator), Ct),
                await approvals.ApproveAsync(list.Id, request.ApprovalRequestId, Caller(coordinator), Ct));
        });

        Assert.IsType<RefusedError>(byOwner.Error);
        Assert.IsType<RefusedError>(byPolice.Error);
        Assert.IsType<ConflictError>(stale.Error);
        Assert.True(byCoordinator.IsSuccess, byCoordinator.Error?.Message);
        Assert.True(byCoordinator.Value.ClassifiesAutomatically);
        Assert.Equal(1, await database.InScopeAsync(sp => HashListSeed.CountAuditAsync(sp, AuditAction.HashListApproved, $"hashlist:{byCoordinator.Value.Id:D}")));
    }

    [Theory]
    [BothDatabases]
    public async Task MemberList_SuggestsUntilApproved_AndAChangedMappingWithdrawsTheApproval(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var member = await database.OrganisationAsync(OrganisationKind.Industry);
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);

        var (created, approved, edited, refusedWithoutReason, refused) = await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            var approvals = sp.GetRequiredService<HashListApprovals>();
            var list = (await lists.CreateAsync(Trusting, Caller(member), Ct)).Value!;
            var createdState = (list.Approval, list.ClassifiesAutomatically);
            await approvals.RequestAsync(list.Id, Caller(member), Ct);
            var ok = (await approvals.ApproveAsync(list.Id, null, Caller(coordinator), Ct)).Value!;
            var approvedState = (ok.Approval, ok.ClassifiesAutomatically, ok.DecisionMapping.For("K").Outcome);
            var baseline = new CategoryMapping(new Dictionary<string, CategoryRule> { ["K"] = new(CategoryOutcome.Baseline) });
            var changed = (await lists.UpdateAsync(list.Id, new HashListChanges(Mapping: baseline), Caller(member), Ct)).Value!;
            var editedState = (changed.Approval, changed.ClassifiesAutomatically, changed.ApprovalMapping);
            await approvals.RequestAsync(list.Id, Caller(member), Ct);
            var noReason = await approvals.RefuseAsync(list.Id, null, " ", Caller(coordinator), Ct);
            var no = (await approvals.RefuseAsync(list.Id, null, "Category K is not reviewed.", Caller(coordinator), Ct)).Value!;
            return (createdState, approvedState, editedState, noReason, (no.Approval, no.ClassifiesAutomatically, no.ApprovalNote));
        });

        Assert.Equal((HashListApproval.NotRequested, false), created);
        Assert.Equal((HashListApproval.Approved, true, CategoryOutcome.NotIllegal), approved);
        Assert.Equal((HashListApproval.NotRequested, false, (CategoryMapping?)null), edited);
        Assert.Equal("reason", Assert.IsType<InvalidError>(refusedWithoutReason.Error).Field);
        Assert.Equal((HashListApproval.Refused, false, "Category K is not reviewed."), refused);
        Assert.Equal(1, await database.InScopeAsync(sp => CountAsync(sp, AuditAction.HashListApprovalWithdrawn)));
        Assert.Equal(2, await database.InScopeAsync(sp => CountAsync(sp, AuditAction.HashListApprovalRequested)));
        Assert.Equal(1, await database.InScopeAsync(sp => CountAsync(sp, AuditAction.HashListApprovalRefused)));
    }

    [Theory]
    [BothDatabases]
    public async Task CoordinatorsOwnList_IsApprovedByCreation_AndOnlyTheOwnerAsks(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var coordinator = await database.OrganisationAsync(OrganisationKind.Coordinator);
        var other = await database.OrganisationAsync(OrganisationKind.Hotline);

        var (own, othersRequest) = await database.InScopeAsync(async sp =>
        {
            var member = (await sp.GetRequiredService<HashListDirectory>().CreateAsync(Trusting with { Name = "Member" }, Caller(other), Ct)).Value!;
            var list = (await sp.GetRequiredService<HashListDirectory>().CreateAsync(Trusting, Caller(coordinator), Ct)).Value!;
            return (list, await sp.GetRequiredService<HashListApprovals>().RequestAsync(member.Id, Caller(coordinator), Ct));
        });

        Assert.True(own.ClassifiesAutomatically);
        Assert.IsType<NotListManager>(othersRequest.Error);
    }

    /// <summary>Issue 12, point 8: a conflict on another organisation's (private) list name told the caller it existed.</summary>
    [Theory]
    [BothDatabases]
    public async Task Create_ANameAnotherOrganisationUses_Succeeds_TheOwnersOwnNameConflicts(DatabaseProvider provider)
    {
        await using var database = await ManagementFixture.CreateAsync(provider);
        var a = await database.OrganisationAsync(OrganisationKind.Hotline);
        var b = await database.OrganisationAsync(OrganisationKind.Hotline, "DE");
        var secret = Trusting with { Name = "Operation Nightjar", Trust = HashListTrust.SuggestOnly, Visibility = HashListVisibility.OwnOrganisation };

        var (first, other, again, network) = await database.InScopeAsync(async sp =>
        {
            var lists = sp.GetRequiredService<HashListDirectory>();
            return (await lists.CreateAsync(secret, Caller(a), Ct),
                await lists.CreateAsync(secret, Caller(b), Ct),
                await lists.CreateAsync(secret with { Name = " Operation Nightjar " }, Caller(a), Ct),
                await lists.CreateAsync(secret with { Name = HashList.NetworkListName }, Caller(b), Ct));
        });

        Assert.True(first.IsSuccess);
        Assert.True(other.IsSuccess, other.Error?.Message);
        Assert.NotEqual(first.Value.Id, other.Value.Id);
        Assert.IsType<ConflictError>(again.Error);
        Assert.Equal("name", Assert.IsType<InvalidError>(network.Error).Field);
    }

    private static Task<int> CountAsync(IServiceProvider services, AuditAction action) =>
        services.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().CountAsync(e => e.Action == action, Ct);
}
