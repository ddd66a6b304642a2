using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Clearline.Classification;
using Clearline.HashLists.Formats;
using Clearline.LawEnforcement;
using Clearline.Media.Pdq;
using Clearline.MediaItems;
using Clearline.Storage;

namespace Clearline.Icse;

/// <summary>
/// INTERPOL's hand-offs to ICSE: a batch of queue items, marked handed over when it is created, downloaded (and
/// downloaded again) as one ZIP streamed from the media store: <c>originals/</c>, <c>icse.csv</c> in ICSE's import
/// layout and <c>vics.json</c> (VICS 2.0). Creating a batch and every download are audited
/// (<see cref="AuditAction.IcseBatchExported"/>) with the count. Only items INTERPOL sees; anything else is 404.
/// </summary>
/// <remarks>
/// <para>Nothing is handed over twice unless asked: naming an item of an earlier batch is refused without
/// <see cref="IcseBatchRequest.IncludeHandedOver"/>, and "the first N of the queue" skips them unless asked.</para>
/// <para>Memory is one original at a time plus the batch's rows (at most <see cref="MaxItems"/>), whatever the
/// size of the originals.</para>
/// </remarks>
public sealed partial class IcseBatches(ClearlineDbContext db, UnitOfWork work, IcseQueue queue, MediaStore media, AuditTrail audit, TimeProvider time)
{
    /// <summary>The most items one batch holds.</summary>
    public const int MaxItems = 1000;

    public const int MaxPageSize = 200;

    /// <summary>Hands the requested items over: creates the batch and marks them handed over.</summary>
    public async Task<Result<IcseBatchView>> CreateAsync(Officer officer, IcseBatchRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(request);
        if (!officer.IsInterpol)
        {
            return new NotFoundError("There is no ICSE queue for your organisation: only INTERPOL hands material over to ICSE.");
        }

        List<IcseQueueItem> items;
        if (request.Items is { Count: > 0 } named)
        {
            if (request.Limit is not null)
            {
                return new InvalidError("limit", "Give either the items to hand over or a limit, not both.");
            }

            if (named.Count > MaxItems)
            {
                return new InvalidError("items", $"A batch holds at most {MaxItems} items; split the selection.");
            }

            if (named.Any(s => s is null || !Sha256Pattern().IsMatch(s)))
            {
                return new InvalidError("items", "Each item is the SHA-256 of a media item: 64 hexadecimal digits.");
            }

            var wanted = named.Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            items = await queue.ItemsAsync(officer, wanted, ct);
            if (items.Count < wanted.Count)
            {
                return new NotFoundError($"{wanted.Count - items.Count} of the items do not exist or are not Baseline or National material INTERPOL may see.");
            }

            var handed = items.Count(i => i.HandedOver);
            if (handed > 0 && !request.IncludeHandedOver)
            {
                return new ConflictError($"{handed} of the items were handed over to ICSE in an earlier batch; leave them out, "
                    + "download that batch again, or ask to include items already handed over.");
            }
        }
        else if (request.Limit is { } limit)
        {
            if (limit is < 1 or > MaxItems)
            {
                return new InvalidError("limit", $"The limit must be between 1 and {MaxItems}.");
            }

            items = await queue.FirstAsync(officer, new IcseQueueFilter(IncludeHandedOver: request.IncludeHandedOver), limit, ct);
        }
        else
        {
            return new InvalidError("items", "Name the items to hand over, or give a limit to hand over the first items of the queue.");
        }

        if (items.Count == 0)
        {
            return new ConflictError("Nothing to hand over: the ICSE queue is empty.");
        }

        var batch = new IcseBatch
        {
            OrganisationId = officer.OrganisationId, CreatedBy = officer.PrincipalId, ByApiKey = officer.IsApiKey,
            CreatedAt = time.GetUtcNow(), ItemCount = items.Count, IncludesHandedOver = request.IncludeHandedOver,
        };
        await using var transaction = await work.BeginAsync(ct);
        db.Add(batch);
        db.AddRange(items.Select(i => new IcseBatchItem { BatchId = batch.Id, MediaSha256 = i.MediaSha256 }));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(Audited(officer, batch, "created", items.Count), ct);
        await transaction.CommitAsync(ct);
        return View(batch);
    }

    /// <summary>The organisation's past batches, newest first, after <paramref name="cursor"/> (a batch id of a previous page).</summary>
    public async Task<Result<IcseBatchPage>> PageAsync(Officer officer, Guid? cursor, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        if (limit is < 1 or > MaxPageSize)
        {
            return new InvalidError("limit", $"The limit must be between 1 and {MaxPageSize}.");
        }

        var organisationId = officer.OrganisationId;
        var batches = db.Set<IcseBatch>().AsNoTracking().Where(b => officer.IsInterpol && b.OrganisationId == organisationId);
        if (cursor is { } after)
        {
            batches = batches.Where(b => b.Id.CompareTo(after) < 0);
        }

        var page = await batches.OrderByDescending(b => b.Id).Take(limit).ToListAsync(ct);
        return new IcseBatchPage([.. page.Select(View)], page.Count == limit ? page[^1].Id : null);
    }

    /// <summary>The batch, when it is one of <paramref name="officer"/>'s organisation.</summary>
    public async Task<Result<IcseBatchView>> FindAsync(Officer officer, Guid batchId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var organisationId = officer.OrganisationId;
        var batch = officer.IsInterpol
            ? await db.Set<IcseBatch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.OrganisationId == organisationId, ct)
            : null;
        return batch is null ? new NotFoundError("No such ICSE batch, or not one of your organisation.") : View(batch);
    }

    /// <summary>The file name a download of <paramref name="batch"/> gets.</summary>
    public static string FileName(IcseBatchView batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return string.Create(CultureInfo.InvariantCulture, $"icse-batch-{batch.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{batch.Id:N}.zip");
    }

    /// <summary>
    /// Writes the batch as a ZIP to <paramref name="output"/> (left open; it need not seek) and audits the download,
    /// also when it fails part-way. Items no longer Baseline or National are left out.
    /// </summary>
    public async Task WriteAsync(Officer officer, IcseBatchView batch, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        var written = 0;
        var complete = false;
        try
        {
            var shas = await db.Set<IcseBatchItem>().AsNoTracking().Where(i => i.BatchId == batch.Id).Select(i => i.MediaSha256).ToListAsync(ct);
            var items = (await queue.ItemsAsync(officer, shas, ct)).OrderBy(i => i.MediaSha256, StringComparer.Ordinal).ToList();
            var submissions = await SubmissionsAsync(shas, ct);
            var pdq = await db.Set<MediaItem>().AsNoTracking().Where(m => shas.Contains(m.Sha256) && m.Pdq != null)
                .Select(m => new { m.Sha256, m.Pdq, m.PdqQuality }).ToDictionaryAsync(m => m.Sha256, StringComparer.Ordinal, ct);
            var available = new HashSet<string>(StringComparer.Ordinal);
            await using var buffer = new AsyncWriteBuffer(output);
            await using (var zip = await ZipArchive.CreateAsync(buffer, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
            {
                foreach (var item in items)
                {
                    if (await media.OpenReadAsync(item.MediaSha256, ct) is not BlobReadResult.Ok ok)
                    {
                        continue;
                    }

                    await using (ok.Content)
                    {
                        var entry = zip.CreateEntry($"originals/{item.MediaSha256}{Extension(item.Format)}", CompressionLevel.NoCompression);
                        await using var target = await entry.OpenAsync(ct);
                        await ok.Content.CopyToAsync(target, ct);
                    }

                    await buffer.DrainAsync(ct);
                    available.Add(item.MediaSha256);
                    written++;
                }

                var csv = zip.CreateEntry("icse.csv", CompressionLevel.Optimal);
                await using (var target = await csv.OpenAsync(ct))
                {
                    await IcseCsv.WriteAsync(target, items.Select(i => IcseCsv.Row(i, submissions.GetValueOrDefault(i.MediaSha256), available.Contains(i.MediaSha256))), ct);
                }

                var vics = zip.CreateEntry("vics.json", CompressionLevel.Optimal);
                await using (var target = await vics.OpenAsync(ct))
                {
                    await HashListWriter.WriteAsync(target, HashListFormat.VicsJson, VicsEntries(items, pdq.ToDictionary(p => p.Key, p => (p.Value.Pdq, p.Value.PdqQuality)), ct), ct);
                }
            }

            await buffer.DrainAsync(ct);
            complete = true;
        }
        finally
        {
            // Audited even when the caller went away: what left the building must be on record.
            var step = complete ? "downloaded" : "download-incomplete";
            await audit.AppendAsync(Audited(officer, batch.Id, step, batch.ItemCount, written), CancellationToken.None);
        }
    }

    private async Task<Dictionary<string, int>> SubmissionsAsync(List<string> shas, CancellationToken ct) =>
        await db.Set<MediaOccurrence>().IgnoreQueryFilters().AsNoTracking()
            .Where(o => shas.Contains(o.MediaSha256))
            .GroupBy(o => o.MediaSha256)
            .Select(g => new { Sha256 = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Sha256, g => g.Count, StringComparer.Ordinal, ct);

    private static async IAsyncEnumerable<HashListEntry> VicsEntries(
        List<IcseQueueItem> items, Dictionary<string, (string? Pdq, int? Quality)> pdq, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var item in items)
        {
            ct.ThrowIfCancellationRequested();
            var (hash, quality) = pdq.GetValueOrDefault(item.MediaSha256);
            yield return new HashListEntry(
                item.Md5, item.Sha1, item.MediaSha256, PdqHash.TryParse(hash, out var parsed) ? parsed : null, quality, PhotoDna: null,
                Category: item.Flags.HasFlag(ContentFlags.Virtual) ? "3" : "1", SourceId: null);
        }

        await Task.CompletedTask;
    }

    private static string Extension(MediaFormat format) => format switch
    {
        MediaFormat.Jpeg => ".jpg",
        MediaFormat.Png => ".png",
        MediaFormat.Gif => ".gif",
        MediaFormat.WebP => ".webp",
        MediaFormat.Bmp => ".bmp",
        MediaFormat.Mp4 => ".mp4",
        MediaFormat.QuickTime => ".mov",
        MediaFormat.WebM => ".webm",
        MediaFormat.Matroska => ".mkv",
        MediaFormat.Avi => ".avi",
        MediaFormat.Flv => ".flv",
        MediaFormat.Asf => ".asf",
        MediaFormat.ThreeGpp => ".3gp",
        _ => ".bin",
    };

    private static AuditEvent Audited(Officer officer, IcseBatch batch, string step, int count) =>
        Audited(officer, batch.Id, step, count, files: null);

    private static AuditEvent Audited(Officer officer, Guid batchId, string step, int count, int? files) =>
        new(AuditAction.IcseBatchExported, officer.Actor, officer.OrganisationId, $"icse-batch:{batchId:D}",
            Detail: string.Create(CultureInfo.InvariantCulture, $"step={step} count={count}{(files is { } f ? $" originals={f}" : "")}"));

    private static IcseBatchView View(IcseBatch b) => new(b.Id, b.CreatedAt, b.CreatedBy, b.ByApiKey, b.ItemCount, b.IncludesHandedOver);

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}

/// <summary>
/// ICSE's import CSV (INTEROP.md §2.4): <c>;</c>-separated, ICSE's header exactly, one row per item. What Clearline
/// knows is filled, the rest left empty:
/// <list type="bullet">
/// <item><c>MD5</c>, <c>SHA1</c>: the item's hashes (lowercase hex).</item>
/// <item><c>PhotoDNA</c>, <c>Image ID</c>, <c>Victim identified</c>, <c>Offender identified</c>, <c>Series name</c>:
/// empty. Clearline computes no PhotoDNA, and the identifiers, identification and series are ICSE's to give.</item>
/// <item><c>Is distributed</c>: <c>1</c>, the item was found hosted on the open web (every portal item is).</item>
/// <item><c>Number of submissions</c>: how many times the network found it (its occurrences, across hotlines).</item>
/// <item><c>File Available</c>: <c>1</c> when the original is in the ZIP, <c>0</c> when it is no longer stored.</item>
/// <item><c>Media Type</c>: <c>Video</c> or <c>Image</c>, from the decoded format.</item>
/// <item><c>Baseline</c>: <c>1</c> for a Baseline decision, <c>0</c> for National (illegal under one country's law).</item>
/// </list>
/// </summary>
public static class IcseCsv
{
    /// <summary>ICSE's import header, exactly.</summary>
    public const string Header = IcseCsvReader.Header;

    /// <summary>The row of <paramref name="item"/>, fields in <see cref="Header"/>'s order.</summary>
    public static string[] Row(IcseQueueItem item, int submissions, bool fileAvailable)
    {
        ArgumentNullException.ThrowIfNull(item);
        return
        [
            item.Md5, item.Sha1, "", "", "1", "", "", "",
            submissions.ToString(CultureInfo.InvariantCulture), fileAvailable ? "1" : "0",
            item.Format.IsVideo() ? "Video" : "Image", item.Verdict == Verdict.Baseline ? "1" : "0",
        ];
    }

    /// <summary>Writes the header and <paramref name="rows"/> as UTF-8 (no byte-order mark), CRLF line ends.</summary>
    public static async Task WriteAsync(Stream output, IEnumerable<string[]> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header.AsMemory(), ct);
        await writer.WriteAsync("\r\n".AsMemory(), ct);
        foreach (var row in rows)
        {
            await writer.WriteAsync(string.Join(';', row.Select(Quote)).AsMemory(), ct);
            await writer.WriteAsync("\r\n".AsMemory(), ct);
        }

        await writer.FlushAsync(ct);
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
