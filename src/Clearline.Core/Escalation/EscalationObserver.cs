using Clearline.Classification;
using Clearline.Events;
using Clearline.Matching;
using Clearline.MediaItems;
using Clearline.Referrals;
using Clearline.Routing;
using Clearline.Takedown;

namespace Clearline.Escalation;

/// <summary>
/// Opens escalations: an analyst's illegal decision on new material (<see cref="ItemClassified"/>), and a hotline's
/// referral for a possible new victim (<see cref="ReferralCreated"/>). A cause for an item with an active escalation
/// is added to it.
/// </summary>
/// <remarks>
/// "New": the decision is Baseline or National, the item matched no hash list (no <see cref="MediaMatch"/> of any list:
/// police, ICSE, the network's own or another) and no earlier illegal decision on it exists (it was not known to the
/// network before). A re-decision therefore never escalates.
/// </remarks>
public sealed class EscalationObserver(ClearlineDbContext db, AuditTrail audit, EventAnnouncer events, TimeProvider time)
    : IEventObserver<ItemClassified>, IEventObserver<ReferralCreated>
{
    public async Task OnAsync(ItemClassified happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var decision = happened.Classification;
        if (decision.Verdict == Verdict.NotIllegal || decision.Source != ClassificationSource.Analyst || decision.OrganisationId is not { } hotline)
        {
            return;
        }

        var sha = decision.MediaSha256;
        var knownBefore = await db.Set<MediaClassification>().AnyAsync(
            c => c.MediaSha256 == sha && c.Id != decision.Id && (c.Verdict == Verdict.Baseline || c.Verdict == Verdict.National), ct);
        if (knownBefore || await db.Set<MediaMatch>().AnyAsync(m => m.MediaSha256 == sha, ct))
        {
            return;
        }

        // The report it was found through: the deciding hotline's own first, else the first anyone's.
        var reportId = await db.Set<MediaOccurrence>().IgnoreQueryFilters().Where(o => o.MediaSha256 == sha)
            .OrderBy(o => o.OrganisationId == hotline ? 0 : 1).ThenBy(o => o.FoundAt)
            .Select(o => (Guid?)o.ReportId).FirstOrDefaultAsync(ct);
        var cause = new EscalationCause { Kind = EscalationCauseKind.NewMaterial, HotlineOrganisationId = hotline, ClassificationId = decision.Id, At = time.GetUtcNow() };
        await EscalateAsync(sha, cause, reportId, decision.AgeGroup, happened.Actor, ct);
    }

    public async Task OnAsync(ReferralCreated happened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(happened);
        var referral = happened.Referral;
        if (referral.Reason != ActionReason.PossibleNewVictim || referral.MediaSha256 is not { } sha)
        {
            return;
        }

        var reportId = await db.Set<ContentRoute>().Where(r => r.Id == referral.RouteId).Select(r => (Guid?)r.ReportId).FirstOrDefaultAsync(ct);
        var ageGroup = await db.Set<MediaClassification>()
            .Where(c => c.MediaSha256 == sha && c.SupersededAt == null && (c.Verdict == Verdict.Baseline || c.Verdict == Verdict.National))
            .OrderByDescending(c => c.ClassifiedAt).Select(c => c.AgeGroup).FirstOrDefaultAsync(ct);
        var cause = new EscalationCause
        {
            Kind = EscalationCauseKind.PossibleNewVictim, HotlineOrganisationId = referral.HotlineOrganisationId,
            PoliceOrganisationId = referral.PoliceOrganisationId, ReferralId = referral.Id, At = time.GetUtcNow(),
        };
        await EscalateAsync(sha, cause, reportId, ageGroup, AuditActor.System, ct);
    }

    private async Task EscalateAsync(string sha, EscalationCause cause, Guid? reportId, AgeGroup ageGroup, AuditActor actor, CancellationToken ct)
    {
        var reason = cause.Kind == EscalationCauseKind.NewMaterial ? "new material" : "referral: possible new victim";
        var active = await db.Set<ItemEscalation>()
            .FirstOrDefaultAsync(e => e.MediaSha256 == sha && (e.State == EscalationState.Open || e.State == EscalationState.Taken), ct);
        if (active is not null)
        {
            // Added explicitly: a child with its key set, reached only through the navigation, would be taken for an existing row.
            db.Add(new EscalationCause
            {
                EscalationId = active.Id, Kind = cause.Kind, HotlineOrganisationId = cause.HotlineOrganisationId, PoliceOrganisationId = cause.PoliceOrganisationId,
                ReferralId = cause.ReferralId, ClassificationId = cause.ClassificationId, At = cause.At,
            });
            if (ItemEscalation.IsYoung(ageGroup) && !ItemEscalation.IsYoung(active.AgeGroup))
            {
                active.AgeGroup = ageGroup;
                active.Prioritise();
            }

            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(
                new AuditEvent(AuditAction.EscalationOpened, actor, cause.HotlineOrganisationId, Target: $"escalation:{active.Id}", Detail: $"further cause: {reason}"), ct);
            return;
        }

        var escalation = new ItemEscalation
        {
            MediaSha256 = sha, HotlineOrganisationId = cause.HotlineOrganisationId, ReportId = reportId, AgeGroup = ageGroup, OpenedAt = cause.At,
        };
        escalation.Causes.Add(new EscalationCause
        {
            EscalationId = escalation.Id, Kind = cause.Kind, HotlineOrganisationId = cause.HotlineOrganisationId, PoliceOrganisationId = cause.PoliceOrganisationId,
            ReferralId = cause.ReferralId, ClassificationId = cause.ClassificationId, At = cause.At,
        });
        var series = reportId is { } report
            ? await db.Set<ItemEscalation>().Where(e => e.ReportId == report).ToListAsync(ct)
            : [];
        escalation.InSeries = series.Count > 0;
        escalation.Prioritise();
        foreach (var sibling in series.Where(s => !s.InSeries))
        {
            sibling.InSeries = true;
            sibling.Prioritise();
        }

        db.Add(escalation);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(
            new AuditEvent(AuditAction.EscalationOpened, actor, cause.HotlineOrganisationId, Target: $"escalation:{escalation.Id}", Detail: $"{reason}, item {sha}"), ct);
        await events.AnnounceAsync(new EscalationOpened(escalation.Id, sha, reason), ct);
    }
}
