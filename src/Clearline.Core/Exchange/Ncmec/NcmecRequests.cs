namespace Clearline.Exchange.Ncmec;

/// <summary>
/// A list's NCMEC source as an administrator sets it. The user name and password are needed when the source is
/// created and may be left out later to keep the stored ones; <paramref name="StartFrom"/>, when given, moves the
/// checkpoint (the next pull reads everything shared since then).
/// </summary>
/// <param name="Environment">Which NCMEC environment the credentials are for.</param>
/// <param name="UseTestEnvironment">The environment's test twin instead of production.</param>
/// <param name="BaseUrl">Overrides the environment's address: https, or http on the loopback interface only.</param>
/// <param name="Username">The HTTP basic user name NCMEC issued.</param>
/// <param name="Password">Its password; stored sealed, never shown again.</param>
/// <param name="PullIntervalMinutes">Minutes between pulls (5 to 10080).</param>
/// <param name="Enabled">Whether pulls run.</param>
/// <param name="FeedbackEnabled">Whether an analyst's "wrong match" on an entry is sent to NCMEC as negative feedback.</param>
/// <param name="FeedbackReason">The negative-feedback reason's GUID; null to use NCMEC's only reason for the fingerprint type.</param>
/// <param name="StartFrom">Moves the checkpoint: the next pull reads what was shared from then on.</param>
public sealed record NcmecSourceRequest(
    NcmecEnvironment Environment,
    bool UseTestEnvironment = false,
    string? BaseUrl = null,
    string? Username = null,
    string? Password = null,
    int PullIntervalMinutes = 60,
    bool Enabled = true,
    bool FeedbackEnabled = false,
    string? FeedbackReason = null,
    DateTimeOffset? StartFrom = null);
