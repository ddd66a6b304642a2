using System.Net;
using Clearline.HashLists;
using Clearline.Jobs;

namespace Clearline.Exchange.Ncmec;

/// <summary>Configures a list's NCMEC source, answers where it stands, and pulls now.</summary>
/// <remarks>
/// Only the organisation that manages a list may give it a source or see it; any other organisation is told the list
/// does not exist. The network's own list is written by classification only, never by NCMEC.
/// </remarks>
public sealed class NcmecSources(ClearlineDbContext db, UnitOfWork work, NcmecCredentialVault vault, JobQueue jobs, AuditTrail audit, TimeProvider time)
{
    public const int MinIntervalMinutes = 5;
    public const int MaxIntervalMinutes = 7 * 24 * 60;
    private const int MaxCredentialLength = 200;

    /// <summary>The source of a list the organisation manages, or null (no source, or not its list).</summary>
    public Task<NcmecSource?> FindAsync(Guid listId, Guid organisationId, CancellationToken ct) =>
        db.Set<NcmecSource>().AsNoTracking().FirstOrDefaultAsync(s => s.HashListId == listId && s.OrganisationId == organisationId, ct);

    /// <summary>Whether the organisation manages the list (so may give it a source); false for any other list, like one that does not exist.</summary>
    public Task<bool> ManagesListAsync(Guid listId, Guid organisationId, CancellationToken ct) =>
        db.Set<HashList>().AnyAsync(l => l.Id == listId && l.Id != HashList.NetworkListId && l.OwnerOrganisationId == organisationId, ct);

    /// <summary>Creates or changes the list's source and queues a pull now (when enabled).</summary>
    /// <returns>The source; <see cref="NotFoundError"/> for a list the organisation does not manage; <see cref="InvalidError"/> naming the field.</returns>
    public async Task<Result<NcmecSource>> ConfigureAsync(Guid listId, NcmecSourceRequest request, Guid organisationId, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = await db.Set<HashList>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null || list.Id == HashList.NetworkListId || !list.IsManagedBy(organisationId))
        {
            return new NotFoundError("No hash list with this id is managed by your organisation.");
        }

        var source = await db.Set<NcmecSource>().FirstOrDefaultAsync(s => s.HashListId == listId && s.OrganisationId == organisationId, ct);
        if (Validate(request, creating: source is null) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        await using var transaction = await work.BeginAsync(ct);
        if (source is null)
        {
            source = new NcmecSource
            {
                OrganisationId = organisationId, HashListId = listId, CredentialKeyId = "", CredentialKey = [], SealedCredentials = [], CreatedAt = now,
            };
            db.Add(source);
        }

        var credentialsChanged = request.Username is not null;
        if (credentialsChanged)
        {
            vault.Seal(source, new NcmecCredentials(request.Username!, request.Password!));
        }

        source.Environment = request.Environment;
        source.UseTestEnvironment = request.UseTestEnvironment;
        source.BaseUrl = string.IsNullOrWhiteSpace(request.BaseUrl) ? null : request.BaseUrl.Trim();
        source.PullInterval = TimeSpan.FromMinutes(request.PullIntervalMinutes);
        source.Enabled = request.Enabled;
        source.FeedbackEnabled = request.FeedbackEnabled;
        source.FeedbackReason = string.IsNullOrWhiteSpace(request.FeedbackReason) ? null : request.FeedbackReason.Trim();
        if (request.StartFrom is { } startFrom)
        {
            (source.Checkpoint, source.WindowFrom, source.WindowTo, source.WindowMaxTimestamp, source.NextPage, source.NextPageAt) = (startFrom, null, null, null, null, null);
        }

        source.State = source.Enabled ? source.State == NcmecSourceState.Disabled ? NcmecSourceState.Waiting : source.State : NcmecSourceState.Disabled;
        source.UpdatedAt = now;
        NcmecSchedule.Queue(jobs, source, now);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.NcmecSourceConfigured, actor, organisationId, $"hashlist:{listId:D}",
            Detail: $"source={source.Id:D} environment={source.Environment} test={source.UseTestEnvironment} custom-url={source.BaseUrl is not null} "
                + $"interval={request.PullIntervalMinutes}m enabled={source.Enabled} feedback={source.FeedbackEnabled} credentials={(credentialsChanged ? "set" : "kept")}"), ct);
        await transaction.CommitAsync(ct);
        return source;
    }

    /// <summary>Queues a pull of the list's source to run now.</summary>
    /// <returns>The source; <see cref="NotFoundError"/> when the organisation's list has none; <see cref="InvalidError"/> when it is disabled.</returns>
    public async Task<Result<NcmecSource>> PullNowAsync(Guid listId, Guid organisationId, AuditActor actor, CancellationToken ct)
    {
        await using var transaction = await work.BeginAsync(ct);
        var source = await db.Set<NcmecSource>().FirstOrDefaultAsync(s => s.HashListId == listId && s.OrganisationId == organisationId, ct);
        if (source is null)
        {
            return new NotFoundError("No NCMEC source is configured for a hash list your organisation manages with this id.");
        }

        if (!source.Enabled)
        {
            return new InvalidError("enabled", "The NCMEC source is disabled; enable it to pull.");
        }

        NcmecSchedule.Queue(jobs, source, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.NcmecPullRequested, actor, organisationId, $"hashlist:{listId:D}", Detail: $"source={source.Id:D}"), ct);
        await transaction.CommitAsync(ct);
        return source;
    }

    private static InvalidError? Validate(NcmecSourceRequest request, bool creating)
    {
        if (!Enum.IsDefined(request.Environment))
        {
            return new InvalidError("environment", "Not an NCMEC environment.");
        }

        if (!string.IsNullOrWhiteSpace(request.BaseUrl) && BaseUrlProblem(request.BaseUrl.Trim()) is { } problem)
        {
            return new InvalidError("baseUrl", problem);
        }

        if ((request.Username is null) != (request.Password is null) || (creating && request.Username is null))
        {
            return new InvalidError(request.Username is null ? "username" : "password",
                creating ? "A user name and a password are needed." : "Give both the user name and the password, or neither to keep the stored ones.");
        }

        if (request.Username is { } user && (user.Trim().Length == 0 || user.Length > MaxCredentialLength || user.Contains(':', StringComparison.Ordinal)))
        {
            return new InvalidError("username", $"A user name has 1 to {MaxCredentialLength} characters and no colon.");
        }

        if (request.Password is { } password && (password.Length == 0 || password.Length > MaxCredentialLength))
        {
            return new InvalidError("password", $"A password has 1 to {MaxCredentialLength} characters.");
        }

        if (request.PullIntervalMinutes is < MinIntervalMinutes or > MaxIntervalMinutes)
        {
            return new InvalidError("pullIntervalMinutes", $"Pull every {MinIntervalMinutes} to {MaxIntervalMinutes} minutes.");
        }

        return request.FeedbackReason is { Length: > 100 } ? new InvalidError("feedbackReason", "A feedback reason is a GUID NCMEC gave.") : null;
    }

    /// <summary>Why a base URL is refused, or null.</summary>
    /// <remarks>The credentials travel with every request: plain http is allowed only on the loopback interface (a local proxy, the tests' server).</remarks>
    private static string? BaseUrlProblem(string text)
    {
        if (text.Length > 500 || !Uri.TryCreate(text, UriKind.Absolute, out var url) || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return "Give an absolute URL without credentials, query or fragment, such as https://hashsharing.ncmec.org/npo.";
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && loopback)
            ? null
            : "The URL must be https (plain http only on the loopback interface): the credentials travel with every request.";
    }
}
