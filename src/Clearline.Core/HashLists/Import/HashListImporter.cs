using Clearline.HashLists.Formats;
using Clearline.Events;
using Clearline.Storage;
using Microsoft.Extensions.Options;

namespace Clearline.HashLists.Import;

/// <summary>
/// Runs one import: streams the stored file through <see cref="HashListReader"/> and applies it in batches. Each
/// batch (its entries, tombstones, error rows and the import's progress) is one transaction, so a worker killed
/// at any moment resumes after the last applied line and never half-applies or applies a line twice. Memory is
/// one batch, whatever the size of the file.
/// </summary>
/// <remarks>
/// An entry whose hashes and category equal a live entry of the list is counted unchanged; with another category
/// it replaces the live one (tombstoned, so it is kept for the audit). A malformed line is recorded and skipped.
/// A file of which not one entry can be read fails the import.
/// <para>A truncated or corrupt file (one the reader cannot read to its end: <see cref="HashListRecord.Error.EndsReading"/>)
/// fails the import before anything of it is applied, so no part of it ever matches: a list cut at 70 % would
/// otherwise look complete. The file is read through once for this before it is applied. Only an operator who
/// accepted a partial import when starting it keeps what could be read; the import then ends as
/// <see cref="ImportState.Partial"/>, saying what was skipped.</para>
/// </remarks>
public sealed class HashListImporter(
    ClearlineDbContext db, UnitOfWork work, HashListStore store, MediaStore media, EventAnnouncer events, TimeProvider time, IOptions<HashListImportOptions> options)
{
    /// <summary>Error rows kept per import; every error is still counted in <see cref="HashListImport.ErrorCount"/>.</summary>
    public const int MaxRecordedErrors = 10_000;

    private const int MaxCategoryLength = 50;
    private const int MaxSourceIdLength = 200;
    private const int MaxMessageLength = 500;

    /// <summary>Runs (or resumes) the import to its end; null when it does not exist. A finished import is returned as it is.</summary>
    public async Task<HashListImport?> RunAsync(Guid importId, IProgress<HashListImportProgress>? progress, CancellationToken ct)
    {
        var import = await LoadAsync(importId, ct);
        if (import is null || import.State is ImportState.Completed or ImportState.Failed or ImportState.Partial)
        {
            return import;
        }

        var list = await db.Set<HashList>().AsNoTracking().FirstAsync(l => l.Id == import.HashListId, ct);
        if (!list.Active)
        {
            return await FinishAsync(import, "The list was disabled before the import ran.", ct);
        }

        await db.Set<HashListImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, ImportState.Running)
            .SetProperty(i => i.StartedAt, i => i.StartedAt ?? time.GetUtcNow()), ct);

        var format = import.Format ?? await DetectAsync(import, ct);
        if (format is null)
        {
            return await FinishAsync(import, $"The file's format could not be recognised; name it ({string.Join(", ", HashListFormatNames.All)}).", ct);
        }

        if (import.Format is null)
        {
            await db.Set<HashListImport>().Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Format, format), ct);
        }

        if (!import.AcceptPartial && await CheckAsync(import, format.Value, ct) is { } broken)
        {
            return await FinishAsync(import, $"{broken.Message} Nothing of the file was imported; to keep what can be read, import it again accepting a partial import.", ct);
        }

        var (failure, brokenAt) = await ApplyFileAsync(import, format.Value, progress, ct);
        if (failure is null && brokenAt is not null)
        {
            var note = $"Partial import, as accepted: {brokenAt.Message} Reading stopped there; {import.ErrorCount} line(s) were skipped "
                + $"and whatever the file held after line {brokenAt.Line} was not read.";
            return await FinishAsync(import, note, ct, ImportState.Partial);
        }

        return await FinishAsync(import, failure, ct);
    }

    /// <summary>
    /// Reads the whole file without applying it: the error where it cannot be read further, or null when it reads to
    /// its end (or not one entry could be read before the break, which the import reports as such).
    /// </summary>
    private async Task<HashListRecord.Error?> CheckAsync(HashListImport import, HashListFormat format, CancellationToken ct)
    {
        if (await OpenAsync(import, ct) is not { } file)
        {
            return new HashListRecord.Error(0, "The uploaded file is no longer readable from the media store.", EndsReading: true);
        }

        await using (file)
        {
            var anyEntry = false;
            await foreach (var record in HashListReader.ReadAsync(file, format, ct))
            {
                anyEntry |= record is HashListRecord.Entry;
                if (record is HashListRecord.Error { EndsReading: true } broken)
                {
                    // A file of which nothing can be read is answered as such when it is applied (nothing is).
                    return anyEntry ? broken : null;
                }
            }
        }

        return null;
    }

    /// <summary>Applies the file; a failure of the whole import, or the error where reading stopped in a file accepted as partial.</summary>
    private async Task<(string? Failure, HashListRecord.Error? Broken)> ApplyFileAsync(
        HashListImport import, HashListFormat format, IProgress<HashListImportProgress>? progress, CancellationToken ct)
    {
        if (await OpenAsync(import, ct) is not { } file)
        {
            return ("The uploaded file is no longer readable from the media store.", null);
        }

        HashListRecord.Error? broken = null;
        await using (file)
        {
            var batch = new ImportBatch(options.Value.BatchLines);
            await foreach (var record in HashListReader.ReadAsync(file, format, ct))
            {
                if (broken is null && record is HashListRecord.Error { EndsReading: true } end)
                {
                    broken = end;
                }

                // Lines up to LinesRead were applied by an earlier run (line 0 is the file as a whole: never applied).
                if (record is HashListRecord.VicsModel || IsApplied(record, import.LinesRead))
                {
                    continue;
                }

                batch.Add(record is HashListRecord.Entry entry ? Validate(entry) : record);
                if (batch.IsFull)
                {
                    await ApplyAsync(import, batch, progress, ct);
                }
            }

            await ApplyAsync(import, batch, progress, ct);
        }

        if (import.EntriesAdded + import.EntriesUnchanged == 0 && import.ErrorCount > 0)
        {
            var first = await db.Set<HashListImportError>().AsNoTracking().Where(e => e.ImportId == import.Id)
                .OrderBy(e => e.Id).Select(e => e.Message).FirstOrDefaultAsync(ct);
            return ($"No entry could be read from the file: {first}", broken);
        }

        return (null, broken);
    }

    /// <summary>Applies a batch in one transaction with the import's progress; another runner's progress stops this one.</summary>
    private async Task ApplyAsync(HashListImport import, ImportBatch batch, IProgress<HashListImportProgress>? progress, CancellationToken ct)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        await using var transaction = await work.BeginAsync(ct);
        var errorRoom = Math.Max(0, MaxRecordedErrors - import.ErrorCount);
        var previous = import.LinesRead;
        var claimed = await db.Set<HashListImport>()
            .Where(i => i.Id == import.Id && i.LinesRead == previous && i.State == ImportState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LinesRead, batch.LastLine), ct);
        if (claimed == 0)
        {
            throw new InvalidOperationException($"Import {import.Id} progressed in another process; this run stops without applying its batch.");
        }

        var (entries, repeated) = batch.Distinct();
        var merged = await store.MergeAsync(import.HashListId, import.Id, entries, $"replaced by import {import.Id:D}", import.StartedBy, ct);
        var unchanged = repeated + merged.Unchanged;
        await db.Set<HashListImport>().Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.EntriesAdded, i => i.EntriesAdded + merged.Added)
            .SetProperty(i => i.EntriesUnchanged, i => i.EntriesUnchanged + unchanged)
            .SetProperty(i => i.ErrorCount, i => i.ErrorCount + batch.Errors.Count), ct);
        db.AddRange(batch.Errors.Take((int)Math.Min(errorRoom, batch.Errors.Count)).Select(e => new HashListImportError
        {
            ImportId = import.Id,
            Line = e.Line,
            Message = e.Message.Length > MaxMessageLength ? e.Message[..MaxMessageLength] : e.Message,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        import.LinesRead = batch.LastLine;
        import.EntriesAdded += merged.Added;
        import.EntriesUnchanged += unchanged;
        import.ErrorCount += batch.Errors.Count;
        batch.Clear();
        progress?.Report(new HashListImportProgress(import.LinesRead, import.EntriesAdded, import.EntriesUnchanged, import.ErrorCount));
    }

    /// <summary>What the reader accepts but the list's columns cannot hold becomes a line error, never a failed batch.</summary>
    private static HashListRecord Validate(HashListRecord.Entry entry) => entry.Value switch
    {
        { Md5: null, Sha1: null, Sha256: null, Pdq: null, PhotoDna: null, Vpdq: null } => new HashListRecord.Error(entry.Line, "No usable hash (MD5, SHA-1, SHA-256, PDQ, PhotoDNA or vPDQ)."),
        { Category.Length: > MaxCategoryLength } => new HashListRecord.Error(entry.Line, $"The category is longer than {MaxCategoryLength} characters."),
        { SourceId.Length: > MaxSourceIdLength } => new HashListRecord.Error(entry.Line, $"The identifier is longer than {MaxSourceIdLength} characters."),
        _ => entry,
    };

    private static bool IsApplied(HashListRecord record, long linesRead) => record switch
    {
        HashListRecord.Entry entry => entry.Line <= linesRead,
        HashListRecord.Error error => error.Line > 0 && error.Line <= linesRead,
        _ => false,
    };

    private async Task<HashListFormat?> DetectAsync(HashListImport import, CancellationToken ct)
    {
        if (await OpenAsync(import, ct) is not { } file)
        {
            return null;
        }

        await using (file)
        {
            var head = new byte[HashListReader.DetectBytes];
            var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            return HashListReader.Detect(head.AsSpan(0, read), import.FileName);
        }
    }

    private async Task<Stream?> OpenAsync(HashListImport import, CancellationToken ct) =>
        await media.OpenReadAsync(import.FileSha256, ct) is BlobReadResult.Ok ok ? ok.Content : null;

    private Task<HashListImport?> LoadAsync(Guid importId, CancellationToken ct) =>
        db.Set<HashListImport>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, ct);

    /// <summary>
    /// Ends the import: completed, failed with <paramref name="error"/>, or partial (<paramref name="state"/>, with
    /// what it skipped); the stored counts are returned. Entries added are matched against the items still waiting
    /// for assessment.
    /// </summary>
    private async Task<HashListImport?> FinishAsync(HashListImport import, string? error, CancellationToken ct, ImportState? state = null)
    {
        var ending = state ?? (error is null ? ImportState.Completed : ImportState.Failed);
        await using var transaction = await work.BeginAsync(ct);
        await db.Set<HashListImport>().Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, ending)
            .SetProperty(i => i.Error, error == null ? null : error.Length > 1000 ? error[..1000] : error)
            .SetProperty(i => i.CompletedAt, time.GetUtcNow()), ct);
        if (import.EntriesAdded > 0)
        {
            await events.AnnounceAsync(new HashListChanged(import.HashListId), ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return await LoadAsync(import.Id, ct);
    }
}
