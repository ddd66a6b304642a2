using System.Net;
using Clearline.ApiKeys;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;

namespace Clearline.Tests.LawEnforcement.Referrals;

public sealed class ReferralPageTests
{
    [Theory]
    [BothDatabases]
    public async Task OfficerWorksTheReferral_OnThePages_TheHotlineReadsFeedbackAndAnswersOnItsRoute(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var item = await world.SeedItemAsync(world.HotlineNl, "NL");
        var id = await ReferralApiTests.ReferralIdAsync(world, item);
        using var officer = await world.SignInAsync(world.PoliceNl, Role.LeaOfficer);

        var queue = await officer.OpenAsync("/Police");
        Assert.Contains($"/Police/Referrals/{id}", queue, StringComparison.Ordinal);
        Assert.Contains("data-count=\"New\">(1)", queue, StringComparison.Ordinal);

        var page = await officer.OpenAsync($"/Police/Referrals/{id}");
        Assert.Contains($"data-sha256=\"{item.Sha256}\"", page, StringComparison.Ordinal);
        Assert.Contains("/Portal/Content?handler=Preview", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/Police/Evidence?handler=Download\"", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"referralId\" value=\"{id}\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Police/Holds?sha256={item.Sha256}\"", page, StringComparison.Ordinal);
        Assert.Contains(item.Url, page, StringComparison.Ordinal);
        Assert.Contains("Child may be unidentified", page, StringComparison.Ordinal);

        using (var accepted = await officer.SubmitAsync(page, $"/Police/Referrals/{id}?handler=Accept"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        page = await officer.OpenAsync($"/Police/Referrals/{id}");
        using (var invalid = await officer.SubmitAsync(page, $"/Police/Referrals/{id}?handler=Feedback", ("Feedback.Outcome", "Arrested")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("The outcome is one of", await invalid.Content.ReadAsStringAsync(PortalWorld.Ct), StringComparison.Ordinal);
        }

        using (var feedback = await officer.SubmitAsync(page, $"/Police/Referrals/{id}?handler=Feedback",
            ("Feedback.Outcome", "OffenderIdentified"), ("Feedback.Note", "Suspect arrested in Utrecht")))
        {
            Assert.Equal(HttpStatusCode.Redirect, feedback.StatusCode);
        }

        using (var empty = await officer.SubmitAsync(page, $"/Police/Referrals/{id}?handler=Message", ("Message.Body", " ")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        using (var message = await officer.SubmitAsync(page, $"/Police/Referrals/{id}?handler=Message", ("Message.Body", "Please keep the page archived.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, message.StatusCode);
        }

        using var analyst = await world.SignInAsync(world.HotlineNl, Role.Analyst);
        var route = await analyst.OpenAsync($"/Routes/{item.RouteId}");
        Assert.Contains(world.PoliceNl.Organisation.Name, route, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"OffenderIdentified\"", route, StringComparison.Ordinal);
        Assert.Contains("Suspect arrested in Utrecht", route, StringComparison.Ordinal);
        Assert.Contains("Please keep the page archived.", route, StringComparison.Ordinal);

        using (var answer = await analyst.SubmitAsync(route, $"/Routes/{item.RouteId}?handler=ReferralMessage", ("body", "Archived, and a copy kept under legal hold.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        }

        var statistics = await analyst.OpenAsync("/Statistics");
        Assert.Contains("data-figure=\"referrals\">1 (1 with feedback)", statistics, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"referral-outcome-OffenderIdentified\">1<", statistics, StringComparison.Ordinal);

        page = await officer.OpenAsync($"/Police/Referrals/{id}");
        Assert.Contains("Archived, and a copy kept under legal hold.", page, StringComparison.Ordinal);
        Assert.Contains("data-from=\"hotline\"", page, StringComparison.Ordinal);
        var accepted2 = await officer.OpenAsync("/Police?state=Accepted");
        Assert.Contains($"/Police/Referrals/{id}", accepted2, StringComparison.Ordinal);
    }

    [Theory]
    [BothDatabases]
    public async Task RoutePage_CountryWithoutPoliceUnit_SaysNobodyReceivedIt(DatabaseProvider provider)
    {
        await using var world = await PortalWorld.StartAsync(provider);
        var hotlineBe = await world.App.CreateOrganisationAsync(OrganisationKind.Hotline, "BE");
        using var client = world.App.CreateClient(await world.App.CreateApiKeyAsync(hotlineBe, [.. ScopeCeilings.For(OrganisationKind.Hotline)]));
        var member = new PortalMember(hotlineBe, client);
        var item = await world.SeedItemAsync(member, "BE");
        await ProblemAssert.IsSuccessAsync(await member.PostAsync($"/api/v1/routes/{item.RouteId}/actions", new { kind = "ReportedToLea", reason = "OtherReferralReason" }));

        using var analyst = await world.SignInAsync(member, Role.Analyst);
        var route = await analyst.OpenAsync($"/Routes/{item.RouteId}");
        Assert.Contains("id=\"referral-none\"", route, StringComparison.Ordinal);
        Assert.Contains("No police unit of BE", route, StringComparison.Ordinal);
        Assert.DoesNotContain("referral-message-form", route, StringComparison.Ordinal);
    }
}
