using System.Collections.Frozen;

namespace Clearline.Takedown;

/// <summary>The fixed catalogue of which <see cref="ActionReason"/>s each <see cref="TakedownActionKind"/> may carry.</summary>
public static class ActionReasons
{
    private static readonly FrozenDictionary<TakedownActionKind, ActionReason[]> Allowed = new Dictionary<TakedownActionKind, ActionReason[]>
    {
        [TakedownActionKind.ReportedToLea] =
        [
            ActionReason.IllegalContent, ActionReason.HostUnresponsive, ActionReason.PossibleNewVictim, ActionReason.NoHotlineInHostingCountry,
            ActionReason.NotTraceable, ActionReason.OtherReferralReason,
        ],
        [TakedownActionKind.ReportedToHost] = [ActionReason.IllegalContent],
        [TakedownActionKind.Removed] =
        [
            ActionReason.ContentNotFound, ActionReason.Error404NotFoundOrSiteDown, ActionReason.HostConfirmedRemoval,
            ActionReason.ContentRemovedBeforeAssessment, ActionReason.Other,
        ],
        [TakedownActionKind.Unavailable] =
        [
            ActionReason.PasswordProtected, ActionReason.Error503OrContentTemporarilyUnavailable, ActionReason.UnableToAccess,
            ActionReason.ReferrerNotKnownOrIncorrect, ActionReason.AccountDisabled, ActionReason.LegallyUnableToAccess, ActionReason.LinkExpired,
            ActionReason.PremiumAccountNecessary, ActionReason.MissingPartsToOpenFile, ActionReason.Other,
        ],
        [TakedownActionKind.Moved] = [ActionReason.HostingChanged],
        [TakedownActionKind.NotIllegal] =
        [
            ActionReason.AdultPornography, ActionReason.NudismOrNotSexualized, ActionReason.DoesNotMeetThresholdForIllegality,
            ActionReason.ImagesTooSmall, ActionReason.VirtualMaterial, ActionReason.LinkingOrLinklistsNotIllegal,
            ActionReason.AgeUnclearOrNotAssessable, ActionReason.AgeOverNationalThreshold, ActionReason.Other,
        ],
    }.ToFrozenDictionary();

    /// <summary>The reasons <paramref name="kind"/> may be recorded with.</summary>
    public static IReadOnlyList<ActionReason> For(TakedownActionKind kind) => Allowed[kind];

    public static bool IsAllowed(TakedownActionKind kind, ActionReason reason) => Array.IndexOf(Allowed[kind], reason) >= 0;
}
