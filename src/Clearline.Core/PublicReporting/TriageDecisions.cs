using System.Globalization;
using Clearline.Events;
using Clearline.Reports;
using Clearline.Tenancy;

namespace Clearline.PublicReporting;

/// <summary>An analyst's decision on one public report URL, as the caller is told it.</summary>
/// <param name="Id">The public report URL.</param>
/// <param name="ReportId">The report made of it: inserted when accepted.</param>
/// <param name="Triage">Accepted or Closed.</param>
/// <param name="CloseReason">Why it was closed; null when accepted.</param>
/// <param name="DecidedAt">When.</param>
public sealed record TriageDecision(Guid Id, Guid ReportId, ReportTriage Triage, TriageCloseReason? CloseReason, DateTimeOffset DecidedAt);

/// <summary>
/// Accepts a public report's URL (its report becomes inserted, with the context the analyst gives, its crawl
/// reused: nothing is crawled again) or closes it with a reason (never inserted). Each is audited and announces
/// <see cref="PublicReportUrlDecided"/> in its unit of work.
/// </summary>
/// <remarks>
/// A URL is decided once: a second decision, a double click or a colleague's at the same moment, is a
/// <see cref="ConflictError"/> that says what was decided. Another hotline's URL is not found.
/// </remarks>
public sealed class TriageDecisions(
    ClearlineDbContext db, UnitOfWork work, ReportTriageChanges changes, ReportContexts contexts, AuditTrail audit, EventAnnouncer events, TimeProvider time)
{
    /// <summary>Accepts the URL; <paramref name="context"/> (the hotline's reference, site type, commerciality…) is stored with the report when given.</summary>
    public Task<Result<TriageDecision>> AcceptAsync(Caller caller, Guid publicReportUrlId, ReportContextEdit? context, CancellationToken ct) =>
        DecideAsync(caller, publicReportUrlId, ReportTriage.Accepted, null, context, ct);

    /// <summary>Closes the URL with <paramref name="reason"/>: its report is never inserted and its items never reach the assessment queue.</summary>
    public Task<Result<TriageDecision>> CloseAsync(Caller caller, Guid publicReportUrlId, TriageCloseReason? reason, CancellationToken ct)
    {
        if (reason is not { } given || !Enum.IsDefined(given))
        {
            return Task.FromResult<Result<TriageDecision>>(
                new InvalidError("reason", $"must be one of {string.Join(", ", Enum.GetNames<TriageCloseReason>())}."));
        }

        return DecideAsync(caller, publicReportUrlId, ReportTriage.Closed, given, null, ct);
    }

    private async Task<Result<TriageDecision>> DecideAsync(
        Caller caller, Guid id, ReportTriage decision, TriageCloseReason? reason, ReportContextEdit? context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var transaction = await work.BeginAsync(ct);
        var url = await db.Set<PublicReportUrl>().FirstOrDefaultAsync(u => u.Id == id && u.OrganisationId == caller.OrganisationId, ct);
        if (url is null)
        {
            return new NotFoundError("No such URL in your triage.");
        }

        if (url.DecidedAt is not null)
        {
            return new ConflictError(url.CloseReason is null ? "This URL was already accepted." : "This URL was already closed.");
        }

        var changed = await changes.DecideAsync(caller.OrganisationId, url.ReportId, decision, ct);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        if (context is not null)
        {
            var edited = await contexts.EditAsync(caller.OrganisationId, caller.Actor, url.ReportId, context, ct);
            if (!edited.IsSuccess)
            {
                await transaction.RollbackAsync(ct);
                return edited.Error;
            }
        }

        var now = time.GetUtcNow();
        url.DecidedAt = now;
        url.DecidedByUserId = caller.UserId;
        url.CloseReason = reason;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(
            decision == ReportTriage.Accepted ? AuditAction.PublicReportAccepted : AuditAction.PublicReportClosed, caller.Actor, caller.OrganisationId,
            "public-report-url:" + url.Id.ToString("D"),
            Detail: string.Create(CultureInfo.InvariantCulture, $"report={url.ReportId:D}{(reason is { } r ? " reason=" + r : "")}")), ct);
        await events.AnnounceAsync(new PublicReportUrlDecided(caller.OrganisationId, url.PublicReportId, url.Id), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new TriageDecision(url.Id, url.ReportId, decision, reason, now);
    }
}
