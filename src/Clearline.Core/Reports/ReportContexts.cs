namespace Clearline.Reports;

/// <summary>The context of a report its hotline may change after submitting it; the whole of it, as a PUT replaces it.</summary>
public sealed record ReportContextEdit(
    string? HotlineReference,
    string? Memo,
    SiteType SiteType = SiteType.NotDetermined,
    Commerciality Commerciality = Commerciality.NotDetermined,
    PaymentMethods PaymentMethods = PaymentMethods.None);

/// <summary>Edits a report's context (reference, memo, site type, commerciality, payment methods) for its hotline, audited.</summary>
/// <remarks>
/// <para>Only the reporting hotline edits its report: another organisation's report is not found, exactly like one
/// that does not exist. The URL, the received date, the referrer and credentials stay as submitted: they are
/// evidence of what was reported.</para>
/// <para>The audit names the fields that changed, and the old and new value only of the vocabulary fields (site
/// type, commerciality, payment methods). The reference and the memo are free text that may hold personal data
/// (a reporter's name or address), which the audit trail keeps longer than the report itself.</para>
/// </remarks>
public sealed class ReportContexts(ClearlineDbContext db, UnitOfWork work, AuditTrail audit)
{
    public async Task<Result<Report>> EditAsync(Guid organisationId, AuditActor actor, Guid reportId, ReportContextEdit edit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (Validate(edit) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await work.BeginAsync(ct);
        var report = await db.Set<Report>().FirstOrDefaultAsync(r => r.Id == reportId && r.OrganisationId == organisationId, ct);
        if (report is null)
        {
            return new NotFoundError("No such report.");
        }

        var changed = new List<string>();
        var reference = Blank(edit.HotlineReference);
        var memo = Blank(edit.Memo);
        if (report.HotlineReference != reference)
        {
            report.HotlineReference = reference;
            changed.Add("hotlineReference");
        }

        if (report.Memo != memo)
        {
            report.Memo = memo;
            changed.Add("memo");
        }

        if (report.SiteType != edit.SiteType)
        {
            changed.Add($"siteType {report.SiteType} → {edit.SiteType}");
            report.SiteType = edit.SiteType;
        }

        if (report.Commerciality != edit.Commerciality)
        {
            changed.Add($"commerciality {report.Commerciality} → {edit.Commerciality}");
            report.Commerciality = edit.Commerciality;
        }

        if (report.PaymentMethods != edit.PaymentMethods)
        {
            changed.Add($"paymentMethods {Names(report.PaymentMethods)} → {Names(edit.PaymentMethods)}");
            report.PaymentMethods = edit.PaymentMethods;
        }

        if (changed.Count == 0)
        {
            // Nothing changed: nothing to store or audit.
            return report;
        }

        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.ReportContextEdited, actor, organisationId, report.Id.ToString("D"),
            Detail: "changed " + string.Join("; ", changed)), ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    private static InvalidError? Validate(ReportContextEdit edit)
    {
        if (edit.HotlineReference is { Length: > ReportLimits.MaxReferenceLength })
        {
            return new InvalidError("hotlineReference", $"must be at most {ReportLimits.MaxReferenceLength} characters.");
        }

        if (ReportValues.HasControlCharacters(edit.HotlineReference))
        {
            return new InvalidError("hotlineReference", ReportValues.ControlCharacterMessage);
        }

        if (edit.Memo is { Length: > ReportLimits.MaxMemoLength })
        {
            return new InvalidError("memo", $"must be at most {ReportLimits.MaxMemoLength} characters.");
        }

        if (!Enum.IsDefined(edit.SiteType))
        {
            return new InvalidError("siteType", $"must be one of {string.Join(", ", Enum.GetNames<SiteType>())}.");
        }

        if (!Enum.IsDefined(edit.Commerciality))
        {
            return new InvalidError("commerciality", $"must be one of {string.Join(", ", Enum.GetNames<Commerciality>())}.");
        }

        var all = Enum.GetValues<PaymentMethods>().Aggregate(PaymentMethods.None, (a, m) => a | m);
        return (edit.PaymentMethods & ~all) != 0
            ? new InvalidError("paymentMethods", $"must be among {string.Join(", ", Enum.GetNames<PaymentMethods>())}.")
            : null;
    }

    private static string Names(PaymentMethods methods) => methods == PaymentMethods.None ? "None" : string.Join(", ", ReportValues.Names(methods));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
