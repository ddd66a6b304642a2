using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Classification;

/// <summary>How an analyst wants previews shown: how strongly blurred, and whether in greyscale.</summary>
/// <remarks>
/// The server never sends an unblurred preview whatever these say; the blur strength adds to the stored preview's
/// blur in the browser, and turning greyscale off selects the blurred colour preview.
/// </remarks>
public sealed class AnalystFilters
{
    public const int MaxBlurStrength = 100;

    /// <summary>A user id, or an API key's id.</summary>
    public Guid AnalystId { get; init; }

    /// <summary>Extra blur, 0 (only the stored preview's blur) to <see cref="MaxBlurStrength"/>.</summary>
    public int BlurStrength { get; set; } = 50;

    public bool Greyscale { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class AnalystFiltersConfiguration : IEntityTypeConfiguration<AnalystFilters>
{
    public void Configure(EntityTypeBuilder<AnalystFilters> builder)
    {
        builder.ToTable("AnalystFilters");
        builder.HasKey(f => f.AnalystId);
    }
}
