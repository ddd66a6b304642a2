namespace Clearline.Audit;

/// <summary>
/// The numbered catalogue of audited actions. Numbers are stored and hashed: never renumber, never reuse a
/// retired number; add new actions at the end of their area.
/// </summary>
/// <remarks>
/// Areas: 1xxx identity, 2xxx organisations and API keys, 3xxx content, reports and known material, 9xxx system.
/// Retired without ever being written (no entry holds them), not to be reused: 1201-1203 (user role changed,
/// disabled, enabled), 2001 (organisation updated), 3001 (content downloaded).
/// </remarks>
public enum AuditAction
{
    // 10xx: signing in and out.
    UserSignedIn = 1000,
    UserSignInFailed = 1001,
    UserLockedOut = 1002,
    UserSignedOut = 1003,
    UserSignedOutEverywhere = 1004,

    // 11xx: credentials and second factor.
    PasswordChanged = 1100,
    TwoFactorEnabled = 1101,
    TwoFactorReset = 1102,
    RecoveryCodesGenerated = 1103,
    RecoveryCodeRedeemed = 1104,
    /// <summary>An operator reset the password to a one-time password (<c>clearline admin reset-password</c>).</summary>
    PasswordReset = 1105,

    // 12xx: accounts.
    UserCreated = 1200,

    // 121x: the organisation's administrator changes a person's account (issue 12).
    UserRoleChanged = 1210,
    UserDisabled = 1211,
    UserEnabled = 1212,
    UserUnlocked = 1213,
    UserAuthenticatorReset = 1214,

    // 20xx: organisations.
    OrganisationCreated = 2000,

    // 201x: the coordinator changes a member organisation (issue 12).
    OrganisationRenamed = 2010,
    OrganisationCountryChanged = 2011,
    OrganisationLawProfileChanged = 2012,
    OrganisationDeactivated = 2013,
    OrganisationReactivated = 2014,

    // 21xx: API keys.
    ApiKeyCreated = 2100,
    ApiKeyRevoked = 2101,
    ApiKeyRejected = 2102,

    // 30xx: content bytes (every reveal and download).
    ContentViewed = 3000,

    // 31xx: reports and crawling.
    ReportSubmitted = 3100,
    RecheckRequested = 3101,

    /// <summary>The reporting hotline changed a report's context (reference, memo, site type, commerciality, payment methods).</summary>
    ReportContextEdited = 3102,

    /// <summary>A URL reported again after <c>Reports:RecrawlAfter</c> was crawled anew, linked to its first report.</summary>
    ReportRecrawled = 3103,

    // 311x: public reports and their triage.
    PublicReportReceived = 3110,
    PublicReportAccepted = 3111,
    PublicReportClosed = 3112,

    /// <summary>Retention cleared what public reporters gave about themselves (contact, their account, where they found it).</summary>
    PublicReporterDataCleared = 3113,

    /// <summary>A public reporter was sent the feedback they asked for.</summary>
    PublicReportFeedbackSent = 3114,

    // 32xx: known material (hash lists, matches, exports, partner hash checks).
    HashListCreated = 3200,
    HashListUpdated = 3201,
    HashListImportStarted = 3202,
    KnownHashTombstoned = 3203,
    MatchReviewed = 3204,
    ClassificationsExported = 3205,
    HashesChecked = 3206,
    MediaAutoClassified = 3207,
    MediaClassified = 3208,

    // 33xx: routing (designations, orphan mandates, claims, moves and reassignments).
    HotlineDesignated = 3300,
    OrphanMandateGranted = 3301,
    OrphanMandateRevoked = 3302,
    RouteClaimed = 3303,
    RouteMoved = 3304,
    RouteReassigned = 3305,

    /// <summary>The decision a route rested on no longer holds and nobody had acted on it: the route was withdrawn.</summary>
    RouteWithdrawn = 3306,

    /// <summary>A withdrawn route was decided illegal again.</summary>
    RouteReinstated = 3307,

    /// <summary>The assigned hotline recorded the origin host behind a CDN.</summary>
    RouteOriginRecorded = 3308,

    /// <summary>An analyst marked a page itself illegal (ICCAM's "website" content), or withdrew that.</summary>
    WebsiteClassified = 3309,

    // 34xx: intake (network-wide de-duplication, CSV batches).
    ReportLinkedAsDuplicate = 3400,
    ReportBatchSubmitted = 3401,

    // 35xx: takedown (actions on content URLs, removal confirmed by re-checks).
    TakedownActionRecorded = 3500,
    TakedownRemovalConfirmed = 3501,
    TakedownRecheckRequested = 3502,

    // 351x: notices to hosts (issue 14): abuse contacts, delivery, reminders.
    AbuseContactLookedUp = 3510,
    NoticeSent = 3511,
    NoticeFailed = 3512,
    NoticeReminderSent = 3513,
    HostFlaggedUnresponsive = 3514,

    // 36xx: assessment (conflicting and undone decisions, second opinions).
    ClassificationConflicted = 3600,
    ClassificationUndone = 3601,
    SecondOpinionRequested = 3602,

    // 362x: video hashing (vPDQ).
    VideoHashed = 3620,
    VideoHashFailed = 3621,
    VideoHashesBackfilled = 3622,

    // 3700–3749: network consent for hash lists (a member asks, the coordinator approves or refuses).
    HashListApprovalRequested = 3700,
    HashListApproved = 3701,
    HashListApprovalRefused = 3702,

    /// <summary>A change of the list's mapping withdrew its request or approval: it suggests until approved again.</summary>
    HashListApprovalWithdrawn = 3703,

    // 38xx: retention and legal holds.
    LegalHoldPlaced = 3800,
    LegalHoldLifted = 3801,
    MediaShredded = 3802,
    ReporterDataCleared = 3803,

    // 40xx: law enforcement and INTERPOL (issue 13). 400x referrals to police.
    ReferralCreated = 4000,
    ReferralAccepted = 4001,
    ReferralFeedbackGiven = 4002,
    ReferralMessagePosted = 4003,

    // 401x: investigation holds (police ask the hotline not to notify the host until a date).
    InvestigationHoldPlaced = 4010,
    InvestigationHoldLifted = 4011,
    InvestigationHoldExpired = 4012,
    InvestigationHoldChanged = 4013,

    // 402x: evidence packages.
    EvidencePackageDownloaded = 4020,

    // 403x: ICSE hand-off.
    IcseBatchExported = 4030,
    IcseItemsMarked = 4031,

    // 404x: escalation for victim identification.
    EscalationOpened = 4040,
    EscalationTaken = 4041,
    EscalationStateChanged = 4042,
    EscalationFeedbackGiven = 4043,

    // 405x: deconfliction and notifications.
    InterestRegistered = 4050,
    InterestWithdrawn = 4051,
    NotificationSent = 4052,
    NotificationFailed = 4053,

    // 500x: NCMEC's Hash Sharing API (5000-5019).
    NcmecSourceConfigured = 5000,
    NcmecPullRequested = 5001,
    NcmecPullCompleted = 5002,
    NcmecPullFailed = 5003,
    NcmecFeedbackSent = 5004,
    NcmecFeedbackFailed = 5005,
    // 502x: HMA-compatible matching (issue 18): a partner's HMA-style lookup of a signal, and a bank exported as a local_file.
    HmaSignalLookedUp = 5020,
    HmaBankExported = 5021,
    // 5040–5079: federation between Clearline instances.
    FederationFeedRead = 5040,
    FederationSubscriptionCreated = 5041,
    FederationSubscriptionPaused = 5042,
    FederationSubscriptionResumed = 5043,
    FederationSubscriptionResynced = 5044,
    FederationPageRefused = 5045,
    FederationSubscriptionChanged = 5046,
    FederationSubscriptionDeleted = 5047,

    // 90xx: operations.
    KeysRotated = 9000,
    DemoSeeded = 9001,
    JobRetried = 9002,

    // 91xx: the audit trail itself (viewing and exporting it).
    AuditViewed = 9100,
    AuditExported = 9101,
    ExposureViewed = 9102,

    // 92xx: retention runs.
    RetentionRun = 9200,
}
