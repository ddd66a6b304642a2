using System.Net;
using Clearline.Audit;
using Clearline.Database;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Account;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.HashLists.Approvals;

/// <summary>The owner asks on the list's page; the coordinator approves on <c>/HashLists/Approvals</c>, which nobody else reaches.</summary>
public sealed class ApprovalPagesTests
{
    private static readonly Dictionary<string, string?> ManySignIns = new() { ["Api:SignInAttemptsPerMinutePerAddress"] = "10000" };

    [Fact]
    public async Task SupervisorAsks_CoordinatorApprovesOnTheApprovalsPage_TheDetailsShowIt()
    {
        await using var app = await ClearlineTestApp.StartAsync(DatabaseProvider.Sqlite, ManySignIns);
        var hotline = await app.CreateOrganisationAsync();
        var supervisor = await app.CreateUserAsync(hotline, Role.Supervisor);
        var coordinator = await app.CreateUserAsync(await app.CreateOrganisationAsync(OrganisationKind.Coordinator), Role.Coordinator);
        var list = await app.AsSystemAsync(async sp => (await sp.GetRequiredService<HashListDirectory>().CreateAsync(
            new NewHashList("Partner set", null, HashListKind.HotlineNetwork, HashListTrust.AutoClassify, HashListVisibility.OwnOrganisation, CategoryScheme.Custom,
                new CategoryMapping(new Dictionary<string, CategoryRule> { ["Q7"] = new(CategoryOutcome.NotIllegal) })),
            new HashListCaller(new HashListViewer(hotline.Id, hotline.Kind), AuditActor.System), TestContext.Current.CancellationToken)).Value!);

        using var owner = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(owner, supervisor.User.Email!, supervisor.OneTimePassword);
        var details = await owner.OpenAsync($"/HashLists/{list.Id}");
        Assert.Contains("only suggests until the coordinator approves", details, StringComparison.Ordinal);
        using var asked = await owner.SubmitAsync(details, $"/HashLists/{list.Id}?handler=RequestApproval");
        SignInSteps.AssertRedirect(asked, $"/HashLists/{list.Id}");
        using var ownerOnApprovals = await owner.GetAsync("/HashLists/Approvals");
        Assert.True(ownerOnApprovals.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"GET answered {(int)ownerOnApprovals.StatusCode}");

        using var network = new Browser(app.App.GetTestServer());
        await SignInSteps.FirstSignInAsync(network, coordinator.User.Email!, coordinator.OneTimePassword);
        var pending = await network.OpenAsync("/HashLists/Approvals");
        Assert.Contains("Partner set", pending, StringComparison.Ordinal);
        Assert.Contains("Q7", pending, StringComparison.Ordinal);
        var requestId = await app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<HashList>()
            .Where(l => l.Id == list.Id).Select(l => l.ApprovalRequestId).SingleAsync(TestContext.Current.CancellationToken));
        using var approved = await network.SubmitAsync(
            pending, "/HashLists/Approvals?handler=Approve", ("listId", list.Id.ToString()), ("requestId", requestId!.Value.ToString()));
        SignInSteps.AssertRedirect(approved, "/HashLists/Approvals");

        Assert.Contains("No list is waiting", await network.OpenAsync("/HashLists/Approvals"), StringComparison.Ordinal);
        Assert.Contains("Approved by the coordinator", await owner.OpenAsync($"/HashLists/{list.Id}"), StringComparison.Ordinal);
    }
}
