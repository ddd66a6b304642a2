namespace Clearline.Takedown;

/// <summary>
/// The standard reasons an action is recorded with, so actions can be counted and compared across the network: ICCAM's
/// 21 action reasons in full (for Removed, Unavailable and NotIllegal), and Clearline's own for notices, police
/// referrals and moves. Which reasons go with which action is fixed by <see cref="ActionReasons"/>. Names are stored
/// (a migration maps a renamed one); numbers are never reused.
/// </summary>
public enum ActionReason
{
    /// <summary>The content is illegal and is being taken down (a notice, or a report to police).</summary>
    IllegalContent = 1,

    /// <summary>Reported to police because the host did not act on the notice.</summary>
    HostUnresponsive = 2,

    /// <summary>Reported to police because the material may show a child not yet identified (escalated for victim identification).</summary>
    PossibleNewVictim = 3,

    /// <summary>Reported to police because the content is hosted in a country without a member hotline.</summary>
    NoHotlineInHostingCountry = 4,

    /// <summary>Reported to police because the host cannot be traced (an onion service, a hidden origin).</summary>
    NotTraceable = 5,

    /// <summary>Reported to police for another reason, given in the note.</summary>
    OtherReferralReason = 6,

    /// <summary>ICCAM: the URL no longer serves the content (a re-check found it gone or replaced).</summary>
    ContentNotFound = 10,

    /// <summary>ICCAM: the URL answers 404 Not Found or 410 Gone, or the site is down (stored as "Error404" before issue 14).</summary>
    Error404NotFoundOrSiteDown = 11,

    /// <summary>The hosting provider confirmed it removed the content.</summary>
    HostConfirmedRemoval = 12,

    /// <summary>ICCAM: the content was gone before anyone assessed it.</summary>
    ContentRemovedBeforeAssessment = 13,

    /// <summary>ICCAM: the content is behind a login or password.</summary>
    PasswordProtected = 20,

    /// <summary>ICCAM: the server answers 503 or the content is temporarily unavailable (stored as "ServerUnreachable" before issue 14).</summary>
    Error503OrContentTemporarilyUnavailable = 21,

    /// <summary>ICCAM: the hotline cannot access the content, e.g. geo-blocking or bot protection (stored as "AccessBlocked" before issue 14).</summary>
    UnableToAccess = 22,

    /// <summary>ICCAM: the site only serves the content with the right referrer, which is not known or was wrong.</summary>
    ReferrerNotKnownOrIncorrect = 23,

    /// <summary>ICCAM: the account that held the content is disabled.</summary>
    AccountDisabled = 24,

    /// <summary>ICCAM: the hotline may not lawfully access the content (e.g. it would have to pay or register).</summary>
    LegallyUnableToAccess = 25,

    /// <summary>ICCAM: the link expired (a file-host or share link that lapsed).</summary>
    LinkExpired = 26,

    /// <summary>ICCAM: the content needs a premium account.</summary>
    PremiumAccountNecessary = 27,

    /// <summary>ICCAM: parts needed to open the file (an archive's volumes, a password) are missing.</summary>
    MissingPartsToOpenFile = 28,

    /// <summary>The content is served from another address or country now.</summary>
    HostingChanged = 30,

    /// <summary>ICCAM: the people shown are adults.</summary>
    AdultPornography = 40,

    /// <summary>ICCAM: the age of the people shown cannot be determined or assessed (stored as "AgeUnclear" before issue 14).</summary>
    AgeUnclearOrNotAssessable = 41,

    /// <summary>ICCAM: computer-generated or drawn material that the hotline's national law does not cover.</summary>
    VirtualMaterial = 42,

    /// <summary>ICCAM: nudism, or images of children that are not sexualised (stored as "NotSexualContent" before issue 14).</summary>
    NudismOrNotSexualized = 43,

    /// <summary>ICCAM: the material does not meet the threshold for illegality under the hotline's law.</summary>
    DoesNotMeetThresholdForIllegality = 44,

    /// <summary>ICCAM: the images are too small to assess.</summary>
    ImagesTooSmall = 45,

    /// <summary>ICCAM: the page links to material, and linking or link lists are not illegal under the hotline's law.</summary>
    LinkingOrLinklistsNotIllegal = 46,

    /// <summary>ICCAM: the person shown is over the national age threshold, though a minor elsewhere.</summary>
    AgeOverNationalThreshold = 47,

    /// <summary>ICCAM: another reason, given in the note.</summary>
    Other = 50,
}
