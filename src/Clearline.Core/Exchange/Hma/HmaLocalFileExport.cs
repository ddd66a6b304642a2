using System.Text;
using Clearline.HashLists;

namespace Clearline.Exchange.Hma;

/// <summary>
/// A bank's live entries in the format of python-threatexchange's <c>local_file</c> exchange
/// (<c>LocalFileSignalExchangeAPI</c>): one signal per line, <c>&lt;signal_type&gt; &lt;signal&gt;</c>, or the bare signal
/// when one type is asked for (as a collaboration whose config sets <c>signal_type</c> reads it).
/// </summary>
/// <remarks>
/// <para>Without a type, only HMA's own types are written: <c>pdq</c> for every PDQ hash and <c>video_md5</c> for the
/// MD5 of a video entry (one with a vPDQ), so that any HMA reads every line. The MD5s of other files are written only
/// when asked for as <c>md5</c>. Tombstoned entries are left out.</para>
/// <para>Only hashes leave: no category, source, URL or reporter data. Every export is audited with the list and the
/// count of signals written, also when it stops part-way (the caller went away).</para>
/// </remarks>
public sealed class HmaLocalFileExport(HashListDirectory lists, AuditTrail audit)
{
    private const int PageSize = HashListDirectory.MaxPageSize;

    /// <summary>Writes <paramref name="bank"/>'s signals to <paramref name="output"/> (left open), streamed a page of entries at a time.</summary>
    /// <param name="output">Where the text goes, UTF-8 without a byte-order mark, lines ended by <c>\n</c>.</param>
    /// <param name="bank">A bank the viewer sees (<see cref="HmaBanks.FindAsync"/>).</param>
    /// <param name="only">The one type to write, bare; null for every HMA type, each line prefixed with its type.</param>
    /// <param name="viewer">Who exports; the list is read through <see cref="HashListAccess"/> again.</param>
    /// <param name="actor">Who exports, for the audit trail.</param>
    /// <param name="ct">Stops the export; what was written so far is audited as incomplete.</param>
    public async Task WriteAsync(Stream output, HmaBank bank, HmaSignalType? only, HashListViewer viewer, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(viewer);
        long written = 0;
        var complete = false;
        try
        {
            await using var text = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
            long? cursor = null;
            do
            {
                var page = await lists.ListEntriesAsync(bank.HashListId, viewer, cursor, PageSize, newestFirst: false, ct);
                if (page is null)
                {
                    break;
                }

                foreach (var entry in page.Items.Where(e => e.TombstonedAt is null))
                {
                    foreach (var (type, signal) in Signals(entry, only))
                    {
                        await text.WriteLineAsync((only is null ? $"{HmaSignal.NameOf(type)} {signal}" : signal).AsMemory(), ct);
                        written++;
                    }
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);

            await text.FlushAsync(ct);
            complete = true;
        }
        finally
        {
            // Audited even when the caller went away: what left the building must be on record.
            await audit.AppendAsync(
                new AuditEvent(
                    AuditAction.HmaBankExported,
                    actor,
                    viewer.OrganisationId,
                    $"hashlist:{bank.HashListId}",
                    Detail: $"local_file{(only is { } type ? " " + HmaSignal.NameOf(type) : "")}, {written} signals{(complete ? "" : ", incomplete")}"),
                CancellationToken.None);
        }
    }

    /// <summary>The entry's signals of the types asked for, in a fixed order: PDQ, then its MD5.</summary>
    private static IEnumerable<(HmaSignalType Type, string Signal)> Signals(KnownHash entry, HmaSignalType? only)
    {
        if (entry.Pdq is { } pdq && only is null or HmaSignalType.Pdq)
        {
            yield return (HmaSignalType.Pdq, pdq);
        }

        if (entry.Md5 is not { } md5)
        {
            yield break;
        }

        var isVideo = entry.Vpdq is not null;
        if (only is HmaSignalType.Md5 || (isVideo && only is null or HmaSignalType.VideoMd5))
        {
            yield return (only ?? HmaSignalType.VideoMd5, md5);
        }
    }
}
