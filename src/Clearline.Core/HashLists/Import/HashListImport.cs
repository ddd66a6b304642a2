using Clearline.HashLists.Formats;
using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.HashLists.Import;

public enum ImportState
{
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,

    /// <summary>
    /// Completed from a truncated or corrupt file, as the operator accepted when starting it (<see cref="HashListImport.AcceptPartial"/>):
    /// what could be read is active, <see cref="HashListImport.Error"/> says what was skipped.
    /// </summary>
    Partial = 5,
}

/// <summary>
/// One file imported into a list, run as a job. The file is kept encrypted in the media store until the import
/// ends; progress and the per-line errors are visible while it runs.
/// </summary>
public sealed class HashListImport : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The organisation that started the import.</summary>
    public Guid OrganisationId { get; init; }

    public Guid HashListId { get; init; }

    public string? FileName { get; init; }

    /// <summary>The format named by the caller, or null to detect it from the first bytes.</summary>
    public HashListFormat? Format { get; set; }

    /// <summary>The encrypted upload's address in the media store.</summary>
    public required string FileSha256 { get; init; }

    public long FileLength { get; init; }

    public ImportState State { get; set; }

    public Guid? JobId { get; set; }

    public Guid? StartedBy { get; init; }

    /// <summary>The last line fully applied; a resumed import skips the lines up to it.</summary>
    public long LinesRead { get; set; }

    public long EntriesAdded { get; set; }

    /// <summary>Entries the list already held (the same hashes and category): not added twice.</summary>
    public long EntriesUnchanged { get; set; }

    public long ErrorCount { get; set; }

    /// <summary>
    /// Whether the operator accepts a partial import of a truncated or corrupt file. Without it such a file fails the
    /// import and nothing of it becomes active.
    /// </summary>
    public bool AcceptPartial { get; init; }

    /// <summary>Why the whole import failed (an unreadable or truncated file), or what a partial import skipped; never a per-line problem.</summary>
    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A line the import skipped, and why. At most <c>HashListImporter.MaxRecordedErrors</c> per import.</summary>
public sealed class HashListImportError
{
    public long Id { get; init; }

    public Guid ImportId { get; init; }

    public long Line { get; init; }

    public required string Message { get; init; }
}

internal sealed class HashListImportConfiguration : IEntityTypeConfiguration<HashListImport>
{
    public void Configure(EntityTypeBuilder<HashListImport> builder)
    {
        builder.ToTable("HashListImports");
        builder.Property(i => i.FileName).HasMaxLength(255);
        builder.Property(i => i.Format).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.FileSha256).HasMaxLength(64);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Error).HasMaxLength(1000);
        builder.HasIndex(i => new { i.HashListId, i.CreatedAt });
        builder.HasOne<HashList>().WithMany().HasForeignKey(i => i.HashListId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HashListImportErrorConfiguration : IEntityTypeConfiguration<HashListImportError>
{
    public void Configure(EntityTypeBuilder<HashListImportError> builder)
    {
        builder.ToTable("HashListImportErrors");
        builder.Property(e => e.Message).HasMaxLength(500);
        builder.HasIndex(e => new { e.ImportId, e.Line });
        builder.HasOne<HashListImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
