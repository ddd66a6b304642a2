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

/// <summary>Where a member's request for network-wide automatic effect stands (<see cref="HashList.Approval"/>).</summary>
public enum HashListApproval
{
    /// <summary>No request: an <see cref="HashListTrust.AutoClassify"/> list of a member only suggests.</summary>
    NotRequested = 0,

    /// <summary>The owner asked the coordinator; the list suggests until the coordinator decides.</summary>
    Requested = 1,

    /// <summary>The coordinator approved <see cref="HashList.ApprovalMapping"/>: the list classifies automatically.</summary>
    Approved = 2,

    /// <summary>The coordinator refused (<see cref="HashList.ApprovalNote"/>); the list suggests, the owner may ask again.</summary>
    Refused = 3,
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

    /// <summary>The network's own list's name; no other list may take it.</summary>
    public const string NetworkListName = "Network classifications";

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

    /// <summary>Whether the coordinator gave the list automatic effect; see <see cref="ClassifiesAutomatically"/>.</summary>
    public HashListApproval Approval { get; set; }

    /// <summary>
    /// The mapping the owner asked to be approved, frozen when asked: the one the coordinator sees and approves, and
    /// the one automatic decisions use. A later change of <see cref="Mapping"/> withdraws the request or approval.
    /// </summary>
    public CategoryMapping? ApprovalMapping { get; set; }

    /// <summary>Names one request, so that an approval never applies to a newer request than the one it was given for.</summary>
    public Guid? ApprovalRequestId { get; set; }

    public DateTimeOffset? ApprovalRequestedAt { get; set; }

    public DateTimeOffset? ApprovalDecidedAt { get; set; }

    /// <summary>The coordinator's reason for a refusal.</summary>
    public string? ApprovalNote { get; set; }

    /// <summary>
    /// Whether a match may classify an item without a person: the list is trusted to, and it is Clearline's own list
    /// or the coordinator approved it. Every other list only suggests.
    /// </summary>
    /// <remarks>
    /// A classification holds network-wide (Baseline, Not illegal) or country-wide (National), so a member's list
    /// that classified on its own would decide for other organisations' queues; not even its owner's items are
    /// classified by it until the coordinator, who speaks for the network, approves it.
    /// </remarks>
    public bool ClassifiesAutomatically =>
        Trust == HashListTrust.AutoClassify && (OwnerOrganisationId is null || Approval == HashListApproval.Approved);

    /// <summary>The mapping automatic decisions use: the approved (frozen) one for a member's list.</summary>
    public CategoryMapping DecisionMapping => OwnerOrganisationId is null ? Mapping : ApprovalMapping ?? CategoryMapping.Empty;
}

internal sealed class HashListConfiguration : IEntityTypeConfiguration<HashList>
{
    public void Configure(EntityTypeBuilder<HashList> builder)
    {
        builder.ToTable("HashLists");
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.HasIndex(l => new { l.OwnerOrganisationId, l.Name }).IsUnique();
        builder.Property(l => l.Source).HasMaxLength(200);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Trust).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Visibility).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Scheme).HasConversion<string>().HasMaxLength(30);
        builder.Property(l => l.Mapping)
            .HasConversion(m => m.ToJson(), json => CategoryMapping.FromJson(json))
            .Metadata.SetValueComparer(CategoryMapping.Comparer);
        builder.Property(l => l.Mapping).HasMaxLength(8000);
        builder.Property(l => l.Approval).HasConversion<string>().HasMaxLength(20).HasDefaultValue(HashListApproval.NotRequested);
        builder.Property(l => l.ApprovalMapping)
            .HasConversion(m => m!.ToJson(), json => CategoryMapping.FromJson(json))
            .Metadata.SetValueComparer(CategoryMapping.NullableComparer);
        builder.Property(l => l.ApprovalMapping).HasMaxLength(8000);
        builder.Property(l => l.ApprovalNote).HasMaxLength(500);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(l => l.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(new HashList
        {
            Id = HashList.NetworkListId,
            Name = HashList.NetworkListName,
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
