using Clearline.Organisations;
using Clearline.Reports;

namespace Clearline.PublicReporting;

/// <summary>What the reporter's status page says: received, being handled, or handled.</summary>
public enum PublicReportStatus
{
    /// <summary>No URL has been decided in triage yet.</summary>
    Received = 1,

    /// <summary>Some URLs are decided, some still wait.</summary>
    BeingHandled = 2,

    /// <summary>Every URL was accepted or closed.</summary>
    Handled = 3,
}

/// <summary>The status page's view: never content, findings, the URLs or why a URL was closed.</summary>
public sealed record PublicReportStatusView(string Reference, PublicReportStatus Status, DateTimeOffset ReceivedAt, string HotlineName, int UrlCount);

/// <summary>Finds a public report by its reference, for the anonymous status page.</summary>
/// <remarks>The reference is the reporter's only key; read past the tenant filter, since the reporter belongs to no organisation.</remarks>
public sealed class PublicReportStatuses(ClearlineDbContext db)
{
    public async Task<PublicReportStatusView?> FindAsync(string? reference, CancellationToken ct)
    {
        var normalised = Normalise(reference);
        if (normalised is null)
        {
            return null;
        }

        var report = await db.Set<PublicReport>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Reference == normalised)
            .Join(db.Set<Organisation>(), p => p.OrganisationId, o => o.Id, (p, o) => new { p.Id, p.Reference, p.CreatedAt, o.Name })
            .FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return null;
        }

        var (status, urls) = await StatusOfAsync(report.Id, ct);
        return new PublicReportStatusView(report.Reference, status, report.CreatedAt, report.Name, urls);
    }

    /// <summary>Where a public report stands, from its URLs' triage, and how many URLs it has.</summary>
    public async Task<(PublicReportStatus Status, int Urls)> StatusOfAsync(Guid publicReportId, CancellationToken ct)
    {
        var states = await db.Set<PublicReportUrl>().IgnoreQueryFilters().Where(u => u.PublicReportId == publicReportId)
            .Join(db.Set<Report>().IgnoreQueryFilters(), u => u.ReportId, r => r.Id, (u, r) => r.Triage)
            .ToListAsync(ct);
        var pending = states.Count(s => s == ReportTriage.Pending);
        var status = pending == states.Count ? PublicReportStatus.Received : pending == 0 ? PublicReportStatus.Handled : PublicReportStatus.BeingHandled;
        return (status, states.Count);
    }

    /// <summary>The reference in its stored form (upper case, hyphenated), forgiving spaces, lower case and the letters Crockford base 32 reads as digits.</summary>
    public static string? Normalise(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var characters = reference.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray();
        if (characters.Length != 16)
        {
            return null;
        }

        return string.Join('-', characters.Chunk(4).Select(chunk => new string(chunk)));
    }
}
