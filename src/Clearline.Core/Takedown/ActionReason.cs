namespace Clearline.Takedown;

/// <summary>
/// The standard reasons an action is recorded with, so actions can be counted and compared across the network.
/// Which reasons go with which action is fixed by <see cref="ActionReasons"/>. Numbers are stored: never reuse one.
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

    /// <summary>The URL no longer serves the content (a re-check found it gone or replaced).</summary>
    ContentNotFound = 10,

    /// <summary>The URL answers 404 Not Found or 410 Gone.</summary>
    Error404 = 11,

    /// <summary>The hosting provider confirmed it removed the content.</summary>
    HostConfirmedRemoval = 12,

    /// <summary>The content is behind a login or password.</summary>
    PasswordProtected = 20,

    /// <summary>The server does not answer (time-outs, server errors).</summary>
    ServerUnreachable = 21,

    /// <summary>Access is blocked for the hotline (geo-blocking, bot protection).</summary>
    AccessBlocked = 22,

    /// <summary>The content is served from another address or country now.</summary>
    HostingChanged = 30,

    /// <summary>The people shown are adults.</summary>
    AdultPornography = 40,

    /// <summary>The age of the people shown cannot be determined.</summary>
    AgeUnclear = 41,

    /// <summary>Computer-generated or drawn material that the hotline's national law does not cover.</summary>
    VirtualMaterial = 42,

    /// <summary>Images of children that are not sexual (e.g. everyday family pictures).</summary>
    NotSexualContent = 43,
}
