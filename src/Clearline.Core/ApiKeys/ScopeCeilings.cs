using System.Collections.Frozen;
using Clearline.Identity;
using Clearline.Organisations;

namespace Clearline.ApiKeys;

/// <summary>
/// The most an API key of an organisation may hold, by the organisation's kind: a key never does what no person of
/// that kind could. Derived, never hand-picked: a scope is within a kind's ceiling when one role the kind may hold
/// (<see cref="RolePermissions.Allowed"/>) has every permission the scope needs (<see cref="Needs"/>).
/// </summary>
/// <remarks>
/// Checked twice: at creation (<see cref="ApiKeyService"/> refuses a scope above the ceiling) and at every
/// use (the authentication handler gives a key only the scopes within its organisation's ceiling as it is then), so a
/// key created before a ceiling narrowed, or an organisation whose kind changed, holds only the intersection.
/// </remarks>
public static class ScopeCeilings
{
    /// <summary>
    /// The one correspondence between permissions (what a person's role grants) and scopes (what a key is given): the
    /// permissions a role must all have for a key of its organisation to hold the scope. Each scope follows the pages
    /// that do the same work: revealing an original is done on the assessment pages, which need <see cref="Permission.Classify"/>,
    /// and the reveal itself <see cref="Permission.ViewContent"/>; a hash check reads the lists one may see, as the
    /// hash-list pages do with <see cref="Permission.ViewReports"/>.
    /// </summary>
    public static FrozenDictionary<string, IReadOnlyList<Permission>> Needs { get; } = new Dictionary<string, IReadOnlyList<Permission>>
    {
        [ApiScopes.OrganisationRead] = [Permission.ManageOrganisation],
        [ApiScopes.OrganisationAdmin] = [Permission.ManageOrganisation, Permission.ManageUsers],
        [ApiScopes.ReportsRead] = [Permission.ViewReports],
        [ApiScopes.ReportsWrite] = [Permission.SubmitReports],
        [ApiScopes.MediaRead] = [Permission.Classify, Permission.ViewContent],
        [ApiScopes.HashesCheck] = [Permission.ViewReports],
        [ApiScopes.HashListsRead] = [Permission.ViewReports],
        [ApiScopes.HashListsWrite] = [Permission.ManageHashLists],
        [ApiScopes.HashListsApprove] = [Permission.ManageNetwork],
        [ApiScopes.Export] = [Permission.Export],
        [ApiScopes.JobsRead] = [Permission.ViewReports],
        [ApiScopes.RoutesRead] = [Permission.Act],
        [ApiScopes.RoutesWrite] = [Permission.Act],
        [ApiScopes.ActionsWrite] = [Permission.Act],
        [ApiScopes.AssessmentRead] = [Permission.Classify],
        [ApiScopes.AssessmentWrite] = [Permission.Classify],
        [ApiScopes.StatisticsRead] = [Permission.ViewStatistics],
        [ApiScopes.AuditRead] = [Permission.ViewAudit],
        [ApiScopes.HoldsWrite] = [Permission.PlaceLegalHold],
        [ApiScopes.ReferralsRead] = [Permission.WorkReferrals],
        [ApiScopes.ReferralsWrite] = [Permission.WorkReferrals],
        [ApiScopes.InvestigationHoldsWrite] = [Permission.PlaceInvestigationHold],
        [ApiScopes.EvidenceRead] = [Permission.DownloadEvidence, Permission.ViewContent],
        [ApiScopes.IcseRead] = [Permission.HandOffToIcse],
        [ApiScopes.IcseExport] = [Permission.HandOffToIcse, Permission.ViewContent],
        [ApiScopes.EscalationsRead] = [Permission.IdentifyVictims],
        [ApiScopes.EscalationsWrite] = [Permission.IdentifyVictims],
        [ApiScopes.PublicReportsWrite] = [Permission.SubmitReports],
        [ApiScopes.TriageRead] = [Permission.SubmitReports],
        [ApiScopes.TriageWrite] = [Permission.SubmitReports],
        [ApiScopes.FederationFeed] = [Permission.Export],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<OrganisationKind, FrozenSet<string>> Ceilings =
        Enum.GetValues<OrganisationKind>().ToFrozenDictionary(kind => kind, Derive);

    /// <summary>Every scope a key of an organisation of <paramref name="kind"/> may hold.</summary>
    public static FrozenSet<string> For(OrganisationKind kind) => Ceilings.TryGetValue(kind, out var ceiling) ? ceiling : FrozenSet<string>.Empty;

    public static bool Allows(OrganisationKind kind, string scope) => For(kind).Contains(scope);

    /// <summary>The roles an organisation of <paramref name="kind"/> may hold, in their declared order.</summary>
    public static IReadOnlyList<Role> RolesOf(OrganisationKind kind) => [.. Enum.GetValues<Role>().Where(r => RolePermissions.Allowed(kind, r))];

    /// <summary>Why <paramref name="scope"/> is above the ceiling of <paramref name="kind"/>, for the refusal's message.</summary>
    public static string Refusal(OrganisationKind kind, string scope) =>
        $"A key of a {kind} organisation cannot hold '{scope}': it needs the permission {string.Join(" and ", Needs[scope])}, " +
        $"which none of the roles such an organisation may have ({string.Join(", ", RolesOf(kind))}) grants.";

    private static FrozenSet<string> Derive(OrganisationKind kind)
    {
        var roles = RolesOf(kind);
        return Needs.Where(n => roles.Any(role => n.Value.All(p => RolePermissions.Has(role, p)))).Select(n => n.Key).ToFrozenSet(StringComparer.Ordinal);
    }
}
