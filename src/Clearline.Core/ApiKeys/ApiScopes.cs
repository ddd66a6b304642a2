using System.Collections.Frozen;

namespace Clearline.ApiKeys;

/// <summary>What an API key may do. A key gets only the scopes it is created with.</summary>
public static class ApiScopes
{
    public const string OrganisationRead = "organisation:read";
    public const string ReportsRead = "reports:read";
    public const string ReportsWrite = "reports:write";
    public const string MediaRead = "media:read";
    public const string HashesCheck = "hashes:check";
    public const string HashListsRead = "hashlists:read";
    public const string HashListsWrite = "hashlists:write";
    public const string Export = "export";
    public const string JobsRead = "jobs:read";
    public const string RoutesRead = "routes:read";
    public const string RoutesWrite = "routes:write";
    public const string ActionsWrite = "actions:write";
    public const string AssessmentRead = "assessment:read";
    public const string AssessmentWrite = "assessment:write";
    public const string StatisticsRead = "statistics:read";

    /// <summary>The organisation's people and API keys.</summary>
    public const string OrganisationAdmin = "organisation:admin";

    /// <summary>The organisation's audit trail.</summary>
    public const string AuditRead = "audit:read";

    /// <summary>Place and lift legal holds.</summary>
    public const string HoldsWrite = "holds:write";

    /// <summary>The coordinator's approval that gives a member's hash list network-wide automatic effect.</summary>
    public const string HashListsApprove = "hashlists:approve";

    /// <summary>A police unit's referrals and the content it may see; read.</summary>
    public const string ReferralsRead = "referrals:read";

    /// <summary>Accept referrals, give feedback, post to a referral's thread.</summary>
    public const string ReferralsWrite = "referrals:write";

    /// <summary>Place, change and lift investigation holds.</summary>
    public const string InvestigationHoldsWrite = "investigation-holds:write";

    /// <summary>Download signed evidence packages (they hold originals).</summary>
    public const string EvidenceRead = "evidence:read";

    /// <summary>INTERPOL's queue of illegal material and its ICSE batches; read.</summary>
    public const string IcseRead = "icse:read";

    /// <summary>Export an ICSE batch (originals) and mark it handed over.</summary>
    public const string IcseExport = "icse:export";

    /// <summary>The victim identification queue; read.</summary>
    public const string EscalationsRead = "escalations:read";

    /// <summary>Take, change the state of and give feedback on escalations.</summary>
    public const string EscalationsWrite = "escalations:write";

    /// <summary>Pass on reports from the public (a hotline's own form or app); they wait in triage like the form's.</summary>
    public const string PublicReportsWrite = "public-reports:write";

    /// <summary>The triage queue of public reports; read.</summary>
    public const string TriageRead = "triage:read";

    /// <summary>Accept or close public reports in triage.</summary>
    public const string TriageWrite = "triage:write";

    /// <summary>Read this instance's signed federation feed of the network's classifications (another Clearline instance's key).</summary>
    public const string FederationFeed = "federation:feed";

    public static FrozenSet<string> All { get; } = new[]
    {
        OrganisationRead, ReportsRead, ReportsWrite, MediaRead, HashesCheck, HashListsRead, HashListsWrite, Export, JobsRead, RoutesRead, RoutesWrite, ActionsWrite,
        AssessmentRead, AssessmentWrite, StatisticsRead, OrganisationAdmin, AuditRead, HoldsWrite, HashListsApprove,
        ReferralsRead, ReferralsWrite, InvestigationHoldsWrite, EvidenceRead, IcseRead, IcseExport, EscalationsRead, EscalationsWrite,
        PublicReportsWrite, TriageRead, TriageWrite, FederationFeed,
    }.ToFrozenSet(StringComparer.Ordinal);
}
