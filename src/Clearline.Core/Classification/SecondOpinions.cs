
namespace Clearline.Classification;

/// <summary>An item waiting for a second opinion, with who was unsure and why.</summary>
public sealed record SecondOpinionItem(string MediaSha256, string? Note, Guid RequestedBy, DateTimeOffset RequestedAt);

/// <summary>The hotline's second-opinion queue: items an analyst marked "unsure" and nobody has decided since.</summary>
public sealed class SecondOpinions(ClearlineDbContext db, UnitOfWork work, FoundItems found, AuditTrail audit, TimeProvider time)
{
    public const int MaxNoteLength = SecondOpinionRequestConfiguration.MaxNoteLength;

    /// <summary>Moves an item to the second-opinion queue; asking again while it waits changes nothing.</summary>
    public async Task<Result<SecondOpinionItem>> RequestAsync(Assessor assessor, string mediaSha256, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessor);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNoteLength)
        {
            return new InvalidError("note", $"The note is longer than {MaxNoteLength} characters.");
        }

        if (!await found.ContainsAsync(assessor, mediaSha256, ct))
        {
            return new NotFoundError("No such item, or not one your hotline found.");
        }

        if (await Open(assessor.OrganisationId).FirstOrDefaultAsync(r => r.MediaSha256 == mediaSha256, ct) is { } waiting)
        {
            return ToItem(waiting);
        }

        var request = new SecondOpinionRequest
        {
            OrganisationId = assessor.OrganisationId,
            MediaSha256 = mediaSha256,
            RequestedBy = assessor.AnalystId,
            Note = note,
            RequestedAt = time.GetUtcNow(),
        };
        db.Add(request);
        await using var transaction = await work.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEvent(AuditAction.SecondOpinionRequested, assessor.Actor, assessor.OrganisationId, Target: $"second-opinion:{request.Id}"), ct);
        await transaction.CommitAsync(ct);
        return ToItem(request);
    }

    /// <summary>The hotline's waiting items, oldest first.</summary>
    public async Task<IReadOnlyList<SecondOpinionItem>> ListAsync(Guid organisationId, int limit, CancellationToken ct) =>
        await Open(organisationId).AsNoTracking()
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id)
            .Take(limit)
            .Select(r => new SecondOpinionItem(r.MediaSha256, r.Note, r.RequestedBy, r.RequestedAt))
            .ToListAsync(ct);

    /// <summary>Resolves the hotline's waiting request for the item by a decision, in the caller's transaction.</summary>
    internal async Task ResolveAsync(MediaClassification decision, Guid organisationId, CancellationToken ct)
    {
        foreach (var request in await Open(organisationId).Where(r => r.MediaSha256 == decision.MediaSha256).ToListAsync(ct))
        {
            request.ResolvedAt = decision.ClassifiedAt;
            request.ResolvedById = decision.Id;
        }
    }

    /// <summary>The addresses waiting in the hotline's second-opinion queue (they are not in its assessment queue).</summary>
    internal IQueryable<string> WaitingFor(Guid organisationId) => Open(organisationId).Select(r => r.MediaSha256);

    private IQueryable<SecondOpinionRequest> Open(Guid organisationId) =>
        db.Set<SecondOpinionRequest>().IgnoreQueryFilters().Where(r => r.OrganisationId == organisationId && r.ResolvedAt == null);

    private static SecondOpinionItem ToItem(SecondOpinionRequest r) => new(r.MediaSha256, r.Note, r.RequestedBy, r.RequestedAt);
}
