using System.Text;

namespace Clearline.Audit;

/// <summary>Audit actions in words for screens and the CSV export, never enum names.</summary>
public static class AuditActionWords
{
    /// <summary>The action in words; an action added without a phrase here reads as its name split into words.</summary>
    public static string Describe(AuditAction action) => action switch
    {
        AuditAction.UserSignedIn => "Signed in",
        AuditAction.UserSignInFailed => "Sign-in failed",
        AuditAction.UserLockedOut => "Locked out",
        AuditAction.UserSignedOut => "Signed out",
        AuditAction.UserSignedOutEverywhere => "Signed out everywhere",
        AuditAction.PasswordChanged => "Password changed",
        AuditAction.TwoFactorEnabled => "Two-factor sign-in enabled",
        AuditAction.TwoFactorReset => "Two-factor sign-in reset",
        AuditAction.RecoveryCodesGenerated => "Recovery codes generated",
        AuditAction.RecoveryCodeRedeemed => "Recovery code used",
        AuditAction.UserCreated => "Person added",
        AuditAction.OrganisationCreated => "Organisation created",
        AuditAction.ApiKeyCreated => "API key created",
        AuditAction.ApiKeyRevoked => "API key revoked",
        AuditAction.ApiKeyRejected => "API key refused",
        AuditAction.ContentViewed => "Content revealed",
        AuditAction.ReportSubmitted => "Report submitted",
        AuditAction.RecheckRequested => "Re-check requested",
        AuditAction.HashListCreated => "Hash list created",
        AuditAction.FederationFeedRead => "Federation feed page read",
        AuditAction.FederationSubscriptionCreated => "Federation subscription created",
        AuditAction.FederationSubscriptionPaused => "Federation subscription paused",
        AuditAction.FederationSubscriptionResumed => "Federation subscription resumed",
        AuditAction.FederationSubscriptionResynced => "Federation subscription resynced from the start",
        AuditAction.FederationPageRefused => "Federation feed page refused",
        AuditAction.HashListUpdated => "Hash list changed",
        AuditAction.HashListImportStarted => "Hash list import started",
        AuditAction.KnownHashTombstoned => "Known hash withdrawn",
        AuditAction.MatchReviewed => "Match reviewed",
        AuditAction.ClassificationsExported => "Classifications exported",
        AuditAction.HashesChecked => "Hashes checked",
        AuditAction.HmaSignalLookedUp => "Signal looked up (HMA)",
        AuditAction.HmaBankExported => "Hash list exported (HMA local_file)",
        AuditAction.MediaAutoClassified => "Item classified automatically",
        AuditAction.MediaClassified => "Item classified",
        AuditAction.HotlineDesignated => "Hotline designated",
        AuditAction.OrphanMandateGranted => "Orphan mandate granted",
        AuditAction.OrphanMandateRevoked => "Orphan mandate revoked",
        AuditAction.RouteClaimed => "Route claimed",
        AuditAction.RouteMoved => "Route moved",
        AuditAction.RouteReassigned => "Route reassigned",
        AuditAction.RouteWithdrawn => "Route withdrawn",
        AuditAction.RouteReinstated => "Route reinstated",
        AuditAction.RouteOriginRecorded => "Origin behind a CDN recorded",
        AuditAction.WebsiteClassified => "Website classified",
        AuditAction.ReportContextEdited => "Report context edited",
        AuditAction.ReportRecrawled => "Reported URL crawled again",
        AuditAction.AbuseContactLookedUp => "Abuse contact looked up",
        AuditAction.NoticeSent => "Notice sent to host",
        AuditAction.NoticeFailed => "Notice delivery failed",
        AuditAction.NoticeReminderSent => "Reminder sent to host",
        AuditAction.HostFlaggedUnresponsive => "Host flagged unresponsive",
        AuditAction.ReportLinkedAsDuplicate => "Report linked as duplicate",
        AuditAction.ReportBatchSubmitted => "Report batch submitted",
        AuditAction.TakedownActionRecorded => "Takedown action recorded",
        AuditAction.TakedownRemovalConfirmed => "Removal confirmed",
        AuditAction.TakedownRecheckRequested => "Takedown re-check requested",
        AuditAction.ClassificationConflicted => "Conflicting classification",
        AuditAction.ClassificationUndone => "Classification undone",
        AuditAction.SecondOpinionRequested => "Second opinion requested",
        AuditAction.VideoHashed => "Video hashed (vPDQ)",
        AuditAction.VideoHashFailed => "Video could not be hashed (vPDQ)",
        AuditAction.VideoHashesBackfilled => "Videos stored before vPDQ queued for hashing",
        AuditAction.KeysRotated => "Encryption keys rotated",
        AuditAction.DemoSeeded => "Demo data created",
        AuditAction.JobRetried => "Job retried",
        AuditAction.AuditViewed => "Audit trail viewed",
        AuditAction.AuditExported => "Audit trail exported",
        AuditAction.ExposureViewed => "Team exposure viewed",
        _ => Split(action.ToString()),
    };

    private static string Split(string name)
    {
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                words.Append(name[i]);
            }
        }

        return words.ToString();
    }
}
