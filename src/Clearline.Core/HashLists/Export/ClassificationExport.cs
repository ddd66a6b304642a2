using System.Globalization;
using System.Runtime.CompilerServices;
using Clearline.Classification;
using Clearline.HashLists.Formats;
using Clearline.Media.Pdq;
using Clearline.MediaItems;
using Clearline.Organisations;
using Clearline.Videos;

namespace Clearline.HashLists.Export;

/// <summary>
/// Exports what the network has classified, for partners: the current decision of each media item with its hashes,
/// as a VICS 2.0 hash set, a CSV list, a PDQ list or an HMA signal list (a video's vPDQ as a <c>vpdq</c> signal). Rows are streamed from the database to the file, so memory does
/// not grow with the export. Every export is audited with its format, filters and count.
/// </summary>
/// <remarks>
/// <para>The export reads media hashes and verdicts only: no URL, no reporter data, no report id reaches the file.</para>
/// <para>A National verdict holds under one jurisdiction's law. An organisation exports Baseline decisions and the
/// National decisions of its own country only, never another country's as if they were its own. The coordinator
/// and INTERPOL speak for the whole network and export every National decision, as does the operator's command
/// line when no organisation is named.</para>
/// </remarks>
public sealed class ClassificationExport(ClearlineDbContext db, AuditTrail audit)
{
    /// <summary>Writes the export to <paramref name="output"/> (left open) and audits it, also when it fails part-way.</summary>
    /// <param name="output">Where the file goes; left open.</param>
    /// <param name="request">The format and filters.</param>
    /// <param name="exporter">The organisation exporting, or null for the network as a whole (the operator).</param>
    /// <param name="actor">Who exports, for the audit trail.</param>
    /// <param name="ct">Stops the export; what was written so far is audited as incomplete.</param>
    public async Task<HashListWriteResult> WriteAsync(
        Stream output, ClassificationExportRequest request, Organisation? exporter, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var counter = new StrongBox<long>();
        HashListWriteResult? result = null;
        try
        {
            result = await HashListWriter.WriteAsync(output, request.Format, Count(EntriesAsync(request, exporter, ct), counter), ct);
            return result;
        }
        finally
        {
            var outcome = result is null ? $"incomplete;read={counter.Value}" : $"written={result.Written};skipped={result.Skipped}";
            // Audited even when the caller went away: what left the building must be on record.
            await audit.AppendAsync(new AuditEvent(AuditAction.ClassificationsExported, actor, exporter?.Id, "export:classifications",
                Detail: $"{Describe(request)};{outcome}"), CancellationToken.None);
        }
    }

    /// <summary>The entries of an export, one per media item, in SHA-256 order.</summary>
    public async IAsyncEnumerable<HashListEntry> EntriesAsync(
        ClassificationExportRequest request, Organisation? exporter, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = Query(request, exporter).AsAsyncEnumerable().WithCancellation(ct);
        ExportRow? pending = null;
        await foreach (var row in rows)
        {
            if (pending is not null && !string.Equals(pending.Sha256, row.Sha256, StringComparison.Ordinal))
            {
                yield return ToEntry(pending, request.Format);
                pending = null;
            }

            // An item can hold a Baseline decision and National ones; the strongest one speaks for it.
            pending = pending is null || Rank(row.Verdict) < Rank(pending.Verdict) ? row : pending;
        }

        if (pending is not null)
        {
            yield return ToEntry(pending, request.Format);
        }
    }

    private IQueryable<ExportRow> Query(ClassificationExportRequest request, Organisation? exporter)
    {
        var baseline = request.Includes(Verdict.Baseline);
        var national = request.Includes(Verdict.National);
        var notIllegal = request.Includes(Verdict.NotIllegal);
        var everyJurisdiction = exporter is null || exporter.Kind is OrganisationKind.Coordinator or OrganisationKind.Interpol;
        var jurisdiction = exporter?.CountryCode;
        var since = request.From?.ToUniversalTime();
        var until = request.To?.ToUniversalTime();

        // A video's vPDQ is its own recorded hash, else the one its live entry in the network's own list carries;
        // VICS and PDQ lists cannot hold it.
        var withVpdq = request.Format is HashListFormat.Csv or HashListFormat.Tsv or HashListFormat.SignalCsv;

        return from c in db.Set<MediaClassification>().AsNoTracking()
               where c.SupersededAt == null
                   && ((baseline && c.Verdict == Verdict.Baseline)
                       || (national && c.Verdict == Verdict.National && (everyJurisdiction || (jurisdiction != null && c.Jurisdiction == jurisdiction)))
                       || (notIllegal && c.Verdict == Verdict.NotIllegal))
                   && (since == null || c.ClassifiedAt >= since)
                   && (until == null || c.ClassifiedAt <= until)
               join m in db.Set<MediaItem>().AsNoTracking() on c.MediaSha256 equals m.Sha256
               orderby m.Sha256
               select new ExportRow(m.Sha256, m.Md5, m.Sha1, m.Pdq, m.PdqQuality, c.Verdict, c.Flags,
                   withVpdq
                       ? db.Set<VideoHash>().Where(v => v.MediaSha256 == m.Sha256 && v.ErrorCode == null && v.Vpdq != null).Select(v => v.Vpdq).FirstOrDefault()
                           ?? db.Set<KnownHash>().Where(k => k.HashListId == HashList.NetworkListId && k.Sha256 == m.Sha256 && k.TombstonedAt == null && k.Vpdq != null)
                               .OrderBy(k => k.Id).Select(k => k.Vpdq).FirstOrDefault()
                       : null);
    }

    private static HashListEntry ToEntry(ExportRow row, HashListFormat format) => new(
        row.Md5, row.Sha1, row.Sha256, PdqHash.TryParse(row.Pdq, out var pdq) ? pdq : null, row.PdqQuality, PhotoDna: null,
        Category: format == HashListFormat.VicsJson ? VicsUsCategory(row.Verdict, row.Flags) : row.Verdict.ToString(),
        SourceId: null)
    {
        Vpdq = row.Vpdq,
    };

    /// <summary>
    /// The VICS-US category (INTEROP.md §1.6, "Suggested VICS-US export"): illegal → 1, computer-generated and
    /// illegal → 3, not illegal → 0 (non-pertinent).
    /// </summary>
    private static string VicsUsCategory(Verdict verdict, ContentFlags flags) => verdict switch
    {
        Verdict.NotIllegal => "0",
        Verdict.Baseline or Verdict.National when flags.HasFlag(ContentFlags.Virtual) => "3",
        Verdict.Baseline or Verdict.National => "1",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Baseline => 0,
        Verdict.National => 1,
        _ => 2,
    };

    private static async IAsyncEnumerable<HashListEntry> Count(IAsyncEnumerable<HashListEntry> entries, StrongBox<long> counter)
    {
        await foreach (var entry in entries)
        {
            counter.Value++;
            yield return entry;
        }
    }

    private static string Describe(ClassificationExportRequest request) => string.Create(CultureInfo.InvariantCulture,
        $"format={request.Format};verdicts={(request.Verdicts.Count == 0 ? "all" : string.Join(',', request.Verdicts.Order()))};from={request.From:O};to={request.To:O}");

    private sealed record ExportRow(string Sha256, string Md5, string Sha1, string? Pdq, int? PdqQuality, Verdict Verdict, ContentFlags Flags, string? Vpdq);
}
