using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.HashLists;

/// <summary>Where a list's hashes come from.</summary>
public enum HashListKind
{
    PoliceDatabase = 1,
    HotlineNetwork = 2,
    Industry = 3,

    /// <summary>What the network's analysts classified; kept by Clearline itself (<see cref="HashList.NetworkListId"/>).</summary>
    OwnClassifications = 4,
}

/// <summary>What a match on the list may do.</summary>
public enum HashListTrust
{
    /// <summary>A match whose category maps to a verdict classifies the item; it never reaches an analyst.</summary>
    AutoClassify = 1,

    /// <summary>A match is shown to the analyst as "probably known", for a one-key confirmation.</summary>
    SuggestOnly = 2,
}

/// <summary>Which organisations a list matches for, and may see.</summary>
public enum HashListVisibility
{
    Network = 1,
    OwnOrganisation = 2,

    /// <summary>Law enforcement and INTERPOL only (and the list's owner).</summary>
    LawEnforcementOnly = 3,
}

/// <summary>
/// A hash list ("bank") of known material: its provenance, how far it is trusted, who it is for, and how its own
/// categories translate to Clearline's classification. Its hashes are <see cref="KnownHash"/> rows.
/// </summary>
/// <remarks>Not tenant-owned: a list is shared by <see cref="Visibility"/>; <see cref="HashListAccess"/> decides who sees it.</remarks>
public sealed class HashList
{
    /// <summary>The list Clearline keeps of the network's own classifications. It exists from the first migration.</summary>
    public static readonly Guid NetworkListId = new("00000000-0000-7000-8000-00000000c1a5");

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The organisation that manages the list in Clearline; null for the network's own list.</summary>
    public Guid? OwnerOrganisationId { get; init; }

    /// <summary>Who produced the hashes, e.g. "Project VIC" or a police unit's name.</summary>
    public string? Source { get; set; }

    public HashListKind Kind { get; set; }

    public HashListTrust Trust { get; set; }

    public HashListVisibility Visibility { get; set; }

    /// <summary>The scheme the list's categories are written in; it decides the default mapping.</summary>
    public CategoryScheme Scheme { get; set; }

    /// <summary>The list's categories translated to Clearline's classification. Stored as JSON.</summary>
    public CategoryMapping Mapping { get; set; } = CategoryMapping.Empty;

    /// <summary>A disabled list keeps its entries but matches nothing.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class HashListConfiguration : IEntityTypeConfiguration<HashList>
{
    public void Configure(EntityTypeBuilder<HashList> builder)
    {
        builder.ToTable("HashLists");
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.HasIndex(l => l.Name).IsUnique();
        builder.Property(l => l.Source).HasMaxLength(200);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Trust).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Visibility).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Scheme).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Mapping)
            .HasConversion(m => m.ToJson(), json => CategoryMapping.FromJson(json))
            .Metadata.SetValueComparer(CategoryMapping.Comparer);
        builder.Property(l => l.Mapping).HasMaxLength(8000);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(l => l.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(new HashList
        {
            Id = HashList.NetworkListId,
            Name = "Network classifications",
            Source = "Clearline",
            Kind = HashListKind.OwnClassifications,
            Trust = HashListTrust.AutoClassify,
            Visibility = HashListVisibility.Network,
            Scheme = CategoryScheme.Clearline,
            Mapping = CategoryMapping.Default(CategoryScheme.Clearline),
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });
    }
}
