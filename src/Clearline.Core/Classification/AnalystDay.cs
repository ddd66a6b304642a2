using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Classification;

/// <summary>
/// One analyst's exposure on one UTC day: how many items they revealed unblurred and how many minutes they spent
/// in the workspace. Shown to the analyst themselves, so they can pace their day.
/// </summary>
public sealed class AnalystDay
{
    /// <summary>A user id, or an API key's id.</summary>
    public Guid AnalystId { get; init; }

    public DateOnly Day { get; init; }

    public int Reveals { get; set; }

    public int Minutes { get; set; }

    /// <summary>The minute of the day (0..1439) of the last heartbeat counted; -1 before the first.</summary>
    public int LastMinute { get; set; } = -1;
}

internal sealed class AnalystDayConfiguration : IEntityTypeConfiguration<AnalystDay>
{
    public void Configure(EntityTypeBuilder<AnalystDay> builder)
    {
        builder.ToTable("AnalystDays");
        builder.HasKey(d => new { d.AnalystId, d.Day });
    }
}
