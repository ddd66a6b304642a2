using Clearline.Audit;
using Clearline.Database;
using Clearline.MediaItems;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Classification;

/// <summary>An analyst's decision on one item.</summary>
public sealed record ClassifyRequest(
    string MediaSha256,
    Verdict Verdict,
    AgeGroup AgeGroup = AgeGroup.NotCategorised,
    Gender Gender = Gender.NotDetermined,
    ContentFlags Flags = ContentFlags.None);

/// <summary>Who decides: an analyst of a hotline, under that hotline's country's law.</summary>
public sealed record Assessor(Guid OrganisationId, string CountryCode, Guid UserId);

/// <summary>Another hotline's Baseline decision stands; only the coordinator changes it.</summary>
public sealed class BaselineIsFinalException(Guid classificationId)
    : InvalidOperationException("Another hotline classified this item Baseline; that decision is final network-wide and only the coordinator can change it.")
{
    public Guid ClassificationId { get; } = classificationId;
}

/// <summary>
/// Records analysts' decisions with their history. Baseline holds network-wide; National and Not illegal hold in
/// the analyst's country. A new decision supersedes the decisions in its scope (those of the same country, and the
/// hotline's own network-wide ones), never another hotline's Baseline. Every decision joins the network's own list
/// (<see cref="NetworkClassificationList"/>), so that copies of the item are recognised.
/// </summary>
public sealed class Classifier(ClearlineDbContext db, NetworkClassificationList networkList, AuditTrail audit, TimeProvider time)
{
    /// <summary>The new decision, or null when the item does not exist.</summary>
    public async Task<MediaClassification?> ClassifyAsync(ClassifyRequest request, Assessor assessor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assessor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Set<MediaItem>().AnyAsync(m => m.Sha256 == request.MediaSha256, ct))
        {
            return null;
        }

        var current = await db.Set<MediaClassification>()
            .Where(c => c.MediaSha256 == request.MediaSha256 && c.SupersededAt == null)
            .ToListAsync(ct);
        if (current.FirstOrDefault(c => c.Verdict == Verdict.Baseline && c.Source == ClassificationSource.Analyst && c.OrganisationId != assessor.OrganisationId) is { } final)
        {
            throw new BaselineIsFinalException(final.Id);
        }

        var now = time.GetUtcNow();
        var superseded = current
            .Where(c => c.Jurisdiction == assessor.CountryCode || (c.Jurisdiction is null && (c.OrganisationId == assessor.OrganisationId || request.Verdict == Verdict.Baseline)))
            .ToList();
        foreach (var old in superseded)
        {
            old.SupersededAt = now;
        }

        var classification = new MediaClassification
        {
            MediaSha256 = request.MediaSha256,
            Verdict = request.Verdict,
            Jurisdiction = request.Verdict == Verdict.Baseline ? null : assessor.CountryCode,
            AgeGroup = request.AgeGroup,
            Gender = request.Gender,
            Flags = request.Flags,
            Source = ClassificationSource.Analyst,
            OrganisationId = assessor.OrganisationId,
            UserId = assessor.UserId,
            ClassifiedAt = now,
        };
        db.Add(classification);
        await db.SaveChangesAsync(ct);
        await networkList.RecordAsync(classification, [.. superseded.Select(c => c.Id)], ct);
        await audit.AppendAsync(
            new AuditEvent(
                AuditAction.MediaClassified,
                AuditActor.User(assessor.UserId),
                assessor.OrganisationId,
                Target: $"classification:{classification.Id}",
                Detail: superseded.Count == 0 ? classification.Verdict.ToString() : $"{classification.Verdict}, superseding {superseded.Count}"),
            ct);
        await transaction.CommitAsync(ct);
        return classification;
    }
}
