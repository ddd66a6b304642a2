using Clearline.HashLists.Formats;
using Clearline.Jobs;
using Clearline.Storage;

namespace Clearline.HashLists.Import;

/// <summary>
/// Starts imports and answers where they stand. An upload is sealed into the media store (it may be sensitive: it
/// never touches disk in plaintext) and its import and job are created in one transaction, so an accepted file
/// is always imported.
/// </summary>
/// <remarks>
/// Only the organisation that owns a list may import into it; any other organisation is told the list does not
/// exist, like a list it cannot see. The network's own list is written by classification only, never by a file.
/// </remarks>
public sealed class HashListImports(ClearlineDbContext db, UnitOfWork work, MediaStore media, JobQueue jobs, AuditTrail audit, TimeProvider time)
{
    public const int MaxFileNameLength = 255;

    /// <summary>The list, when the organisation manages it; null for any other list, like one that does not exist.</summary>
    public async Task<HashList?> ManagedListAsync(Guid listId, Guid organisationId, CancellationToken ct)
    {
        var list = await db.Set<HashList>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, ct);
        return list is not null && list.IsManagedBy(organisationId) ? list : null;
    }

    /// <summary>Seals <paramref name="file"/>, queues its import into list <paramref name="listId"/> and audits it.</summary>
    /// <returns>The queued import, <see cref="NotFoundError"/> for a list the organisation does not manage, <see cref="InvalidError"/> for a disabled list or an empty file.</returns>
    public async Task<Result<HashListImport>> StartAsync(
        Guid listId, Stream file, string? fileName, HashListFormat? format, AuditActor actor, Guid organisationId, Guid? userId, bool acceptPartial,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var list = await db.Set<HashList>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null || list.Id == HashList.NetworkListId || !list.IsManagedBy(organisationId))
        {
            return new NotFoundError("No hash list with this id is managed by your organisation.");
        }

        if (!list.Active)
        {
            return new InvalidError("list", "The list is disabled; enable it before importing into it.");
        }

        var blob = await media.PutAsync(file, ct);
        if (blob.Length == 0)
        {
            return new InvalidError("file", "The file is empty.");
        }

        var import = new HashListImport
        {
            OrganisationId = organisationId,
            HashListId = listId,
            FileName = CleanFileName(fileName),
            Format = format,
            FileSha256 = blob.Sha256,
            FileLength = blob.Length,
            State = ImportState.Queued,
            StartedBy = userId,
            AcceptPartial = acceptPartial,
            CreatedAt = time.GetUtcNow(),
        };
        import.JobId = jobs.Enqueue(HashListImportJob.Kind, new HashListImportJob(import.Id), organisationId).Id;

        await using var transaction = await work.BeginAsync(ct);
        db.Add(import);
        await db.SaveChangesAsync(ct);
        var detail = $"import={import.Id:D} format={(format is { } f ? HashListFormatNames.Name(f) : "detect")} bytes={blob.Length}{(acceptPartial ? " accept-partial" : "")}";
        await audit.AppendAsync(new AuditEvent(AuditAction.HashListImportStarted, actor, organisationId, $"hashlist:{listId:D}", Detail: detail), ct);
        await transaction.CommitAsync(ct);
        return import;
    }

    /// <summary>An import of the organisation into the list, or null (another organisation's import does not exist for it).</summary>
    public Task<HashListImport?> FindAsync(Guid listId, Guid importId, Guid organisationId, CancellationToken ct) =>
        db.Set<HashListImport>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == importId && i.HashListId == listId && i.OrganisationId == organisationId, ct);

    /// <summary>
    /// Whether the import will still run: false when its job ran out of attempts before the import ended, so a page
    /// never shows an import as running forever. Null when the import has no job.
    /// </summary>
    public async Task<string?> JobFailureAsync(HashListImport import, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (import.State is ImportState.Completed or ImportState.Failed or ImportState.Partial || import.JobId is not { } jobId)
        {
            return null;
        }

        var job = await db.Set<Job>().AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.State, j.LastError }).FirstOrDefaultAsync(ct);
        return job?.State == JobState.Failed ? job.LastError ?? "The import job failed." : null;
    }

    /// <summary>The recorded line errors of an import in line order, after the error with id <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<HashListImportError>> ErrorsAsync(Guid importId, long? afterId, int limit, CancellationToken ct) =>
        await db.Set<HashListImportError>().AsNoTracking()
            .Where(e => e.ImportId == importId && (afterId == null || e.Id > afterId))
            .OrderBy(e => e.Id)
            .Take(limit)
            .ToListAsync(ct);

    private static string? CleanFileName(string? fileName)
    {
        // Browsers and tools may send a whole path; only the name is kept, and nothing that is not printable.
        var name = Path.GetFileName(fileName?.Replace('\\', '/') ?? "").Trim();
        name = string.Concat(name.Where(c => !char.IsControl(c)));
        return name.Length == 0 ? null : name.Length > MaxFileNameLength ? name[..MaxFileNameLength] : name;
    }
}
