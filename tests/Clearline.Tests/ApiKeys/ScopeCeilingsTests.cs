using Clearline.ApiKeys;
using Clearline.Organisations;

namespace Clearline.Tests.ApiKeys;

/// <summary>The ceilings the review found missing: what keys of each kind did, and now cannot.</summary>
public sealed class ScopeCeilingsTests
{
    [Fact]
    public void EveryScope_IsDerivedFromPermissions()
    {
        Assert.Equal(ApiScopes.All.Order(StringComparer.Ordinal), ScopeCeilings.Needs.Keys.Order(StringComparer.Ordinal));
        Assert.All(ScopeCeilings.Needs, n => Assert.NotEmpty(n.Value));
    }

    [Fact]
    public void Hotline_HoldsAllHotlineWork_ButNotTheNetworksApproval_NorThePortals()
    {
        string[] notHotlineWork =
        [
            ApiScopes.HashListsApprove, ApiScopes.ReferralsRead, ApiScopes.ReferralsWrite, ApiScopes.InvestigationHoldsWrite, ApiScopes.EvidenceRead,
            ApiScopes.IcseRead, ApiScopes.IcseExport, ApiScopes.EscalationsRead, ApiScopes.EscalationsWrite,
        ];
        Assert.Equal(ApiScopes.All.Except(notHotlineWork).Order(StringComparer.Ordinal), ScopeCeilings.For(OrganisationKind.Hotline).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Coordinator_ManagesTheNetwork_AndNeverSeesContent()
    {
        IReadOnlySet<string> ceiling = ScopeCeilings.For(OrganisationKind.Coordinator);

        // The review: a coordinator key revealed originals network-wide.
        Assert.DoesNotContain(ApiScopes.MediaRead, ceiling);
        Assert.DoesNotContain(ApiScopes.AssessmentRead, ceiling);
        Assert.DoesNotContain(ApiScopes.AssessmentWrite, ceiling);
        Assert.DoesNotContain(ApiScopes.ReportsWrite, ceiling);
        Assert.Contains(ApiScopes.HashListsApprove, ceiling);
        Assert.Contains(ApiScopes.RoutesWrite, ceiling);
        Assert.Contains(ApiScopes.StatisticsRead, ceiling);
    }

    [Theory]
    [InlineData(OrganisationKind.LawEnforcement)]
    [InlineData(OrganisationKind.Interpol)]
    [InlineData(OrganisationKind.Industry)]
    public void PoliceInterpolAndIndustry_NeitherReportNorClassifyNorReveal(OrganisationKind kind)
    {
        IReadOnlySet<string> ceiling = ScopeCeilings.For(kind);

        // The review: police and Industry keys submitted reports, classified Baseline and revealed originals.
        Assert.DoesNotContain(ApiScopes.ReportsWrite, ceiling);
        Assert.DoesNotContain(ApiScopes.AssessmentWrite, ceiling);
        Assert.DoesNotContain(ApiScopes.MediaRead, ceiling);
        Assert.DoesNotContain(ApiScopes.RoutesWrite, ceiling);
        Assert.DoesNotContain(ApiScopes.HashListsApprove, ceiling);
        Assert.Contains(ApiScopes.HashesCheck, ceiling);
        Assert.Contains(ApiScopes.HashListsRead, ceiling);
    }

    [Fact]
    public void Industry_ChecksHashes_ButWritesNoList()
    {
        IReadOnlySet<string> ceiling = ScopeCeilings.For(OrganisationKind.Industry);

        Assert.DoesNotContain(ApiScopes.HashListsWrite, ceiling);
        Assert.DoesNotContain(ApiScopes.Export, ceiling);
        Assert.Contains(ApiScopes.HashesCheck, ceiling);
    }

    [Fact]
    public void Refusal_NamesTheScopeAndThePermissionItNeeds()
    {
        var message = ScopeCeilings.Refusal(OrganisationKind.LawEnforcement, ApiScopes.MediaRead);

        Assert.Contains("'media:read'", message, StringComparison.Ordinal);
        Assert.Contains("Classify", message, StringComparison.Ordinal);
        Assert.Contains("LeaOfficer", message, StringComparison.Ordinal);
    }
}
