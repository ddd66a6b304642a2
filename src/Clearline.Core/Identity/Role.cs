using Clearline.Organisations;

namespace Clearline.Identity;

/// <summary>What a person does in their organisation. Each role grants a fixed set of <see cref="Permission"/>s.</summary>
public enum Role
{
    Analyst = 1,
    Supervisor = 2,
    OrgAdmin = 3,
    LeaOfficer = 4,
    InterpolOfficer = 5,
    Coordinator = 6,
    SystemAdmin = 7,
}

/// <summary>The smallest unit of authority an endpoint asks for.</summary>
/// <remarks>Numbers are stored nowhere but stay as they are.</remarks>
public enum Permission
{
    ViewReports = 1,
    SubmitReports = 2,
    ViewContent = 3,
    Classify = 4,
    Act = 5,
    Export = 8,
    ViewStatistics = 9,
    ManageNetwork = 10,
    ManageHashLists = 11,
    ManageSystem = 13,

    /// <summary>Invite, change the role of, disable, unlock and reset the people of one's own organisation.</summary>
    ManageUsers = 6,

    /// <summary>The organisation's own API keys and settings.</summary>
    ManageOrganisation = 7,

    /// <summary>Read the organisation's audit trail (the coordinator: everyone's), who revealed what, exposure.</summary>
    ViewAudit = 12,

    /// <summary>Place and lift a legal hold that suspends retention's deletion.</summary>
    PlaceLegalHold = 14,

    /// <summary>A police unit's referrals: the queue, accepting, feedback and the message thread with the hotline.</summary>
    WorkReferrals = 15,

    /// <summary>Ask a hotline not to notify the host until a date (an ongoing investigation), and lift it.</summary>
    PlaceInvestigationHold = 16,

    /// <summary>Download signed evidence packages (originals, fetch evidence, chain of custody).</summary>
    DownloadEvidence = 17,

    /// <summary>INTERPOL: export illegal material to ICSE and record what ICSE holds.</summary>
    HandOffToIcse = 18,

    /// <summary>INTERPOL: work the victim identification queue of new material.</summary>
    IdentifyVictims = 19,
}

public static class RolePermissions
{
    private static readonly Dictionary<Role, Permission[]> Grants = new()
    {
        [Role.Analyst] = [Permission.ViewReports, Permission.SubmitReports, Permission.ViewContent, Permission.Classify, Permission.Act, Permission.ViewStatistics],
        [Role.Supervisor] =
        [
            Permission.ViewReports, Permission.SubmitReports, Permission.ViewContent, Permission.Classify, Permission.Act, Permission.ViewStatistics, Permission.Export,
            Permission.ManageHashLists, Permission.ViewAudit, Permission.PlaceLegalHold,
        ],
        [Role.OrgAdmin] = [Permission.ViewReports, Permission.ViewStatistics, Permission.ManageUsers, Permission.ManageOrganisation, Permission.ViewAudit, Permission.PlaceLegalHold],
        [Role.LeaOfficer] =
        [
            Permission.ViewReports, Permission.ViewContent, Permission.Export, Permission.ViewStatistics, Permission.ManageHashLists,
            Permission.WorkReferrals, Permission.PlaceInvestigationHold, Permission.DownloadEvidence,
        ],
        [Role.InterpolOfficer] =
        [
            Permission.ViewReports, Permission.ViewContent, Permission.Export, Permission.ViewStatistics, Permission.ManageHashLists,
            Permission.HandOffToIcse, Permission.IdentifyVictims,
        ],
        [Role.Coordinator] = [Permission.ViewReports, Permission.ViewStatistics, Permission.ManageNetwork, Permission.Act, Permission.ManageHashLists, Permission.ViewAudit],
        [Role.SystemAdmin] = [Permission.ManageSystem, Permission.ManageNetwork],
    };

    public static IReadOnlyList<Permission> For(Role role) => Grants[role];

    public static bool Has(Role role, Permission permission) => Grants[role].Contains(permission);

    /// <summary>Which roles a member of an organisation of this kind may hold.</summary>
    /// <remarks>
    /// A police officer cannot be made an analyst of a hotline and vice versa: the role decides which
    /// content is visible, so it must match the organisation's place in the network.
    /// </remarks>
    public static bool Allowed(OrganisationKind kind, Role role) => (kind, role) switch
    {
        (_, Role.SystemAdmin) => kind == OrganisationKind.Coordinator,
        (OrganisationKind.Hotline, Role.Analyst or Role.Supervisor or Role.OrgAdmin) => true,
        (OrganisationKind.LawEnforcement, Role.LeaOfficer or Role.OrgAdmin) => true,
        (OrganisationKind.Interpol, Role.InterpolOfficer or Role.OrgAdmin) => true,
        (OrganisationKind.Coordinator, Role.Coordinator or Role.OrgAdmin) => true,
        (OrganisationKind.Industry, Role.OrgAdmin) => true,
        _ => false,
    };
}
