using Clearline.HashLists;
using Clearline.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Exchange.Ncmec;

/// <summary>Where a source's pulls stand.</summary>
public enum NcmecSourceState
{
    /// <summary>Configured; no pull has ended yet.</summary>
    Waiting = 1,

    /// <summary>The last pull read every page of its window.</summary>
    UpToDate = 2,

    /// <summary>The last pull stopped on an error (<see cref="NcmecSource.LastError"/>); the next one resumes where it stopped.</summary>
    Failed = 3,

    /// <summary>Pulls are switched off; the list keeps what it has.</summary>
    Disabled = 4,
}

/// <summary>
/// A hash list fed from NCMEC's Hash Sharing API v2: where (environment or base URL), with which credentials
/// (sealed), how often, and how far the pulls got: the checkpoint (<see cref="Checkpoint"/>, NCMEC's
/// <c>maxTimestamp</c>) and, inside a window, the next page to read.
/// </summary>
/// <remarks>Owned by the list's organisation; no other organisation sees it, and only the owner's services open its credentials.</remarks>
public sealed class NcmecSource : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; init; }

    public Guid HashListId { get; init; }

    public NcmecEnvironment Environment { get; set; }

    public bool UseTestEnvironment { get; set; }

    /// <summary>Overrides the environment's address (a proxy, or the tests' local server); null to use the environment's.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Id of the key-encryption key that wraps <see cref="CredentialKey"/>.</summary>
    public required string CredentialKeyId { get; set; }

    /// <summary>The data key of the credentials, wrapped and bound to the source's id.</summary>
    public required byte[] CredentialKey { get; set; }

    /// <summary>Nonce, AES-256-GCM ciphertext of the user name and password as JSON, and tag.</summary>
    public required byte[] SealedCredentials { get; set; }

    public bool Enabled { get; set; } = true;

    public TimeSpan PullInterval { get; set; }

    /// <summary>Whether an analyst's "wrong match" on an entry of this source is sent to NCMEC as negative feedback.</summary>
    public bool FeedbackEnabled { get; set; }

    /// <summary>The GUID of the negative-feedback reason sent; null to use NCMEC's only reason for the fingerprint type.</summary>
    public string? FeedbackReason { get; set; }

    public NcmecSourceState State { get; set; } = NcmecSourceState.Waiting;

    /// <summary>Entries up to this time were all read: the next window starts here (NCMEC's <c>maxTimestamp</c>).</summary>
    public DateTimeOffset? Checkpoint { get; set; }

    /// <summary>The window being read, while a pull is under way or stopped inside it.</summary>
    public DateTimeOffset? WindowFrom { get; set; }

    public DateTimeOffset? WindowTo { get; set; }

    /// <summary>The largest <c>maxTimestamp</c> of the window's pages read so far.</summary>
    public DateTimeOffset? WindowMaxTimestamp { get; set; }

    /// <summary>The window's next page (NCMEC's <c>paging/next</c>, a path under the base URL); null when none is pending.</summary>
    public string? NextPage { get; set; }

    /// <summary>When <see cref="NextPage"/> was given: NCMEC's paging URLs are not kept long (see <c>Ncmec:PagingUrlLifetime</c>).</summary>
    public DateTimeOffset? NextPageAt { get; set; }

    /// <summary>The job that runs the next pull; any other queued pull of this source is stale and ends without work.</summary>
    public Guid? NextPullJobId { get; set; }

    public DateTimeOffset? NextPullAt { get; set; }

    /// <summary>The job whose pull is under way: a page is applied only while this is its job, so two pulls never interleave.</summary>
    public Guid? PullJobId { get; set; }

    public DateTimeOffset? LastPullStartedAt { get; set; }

    public DateTimeOffset? LastPullCompletedAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }

    public long EntriesAdded { get; set; }

    public long EntriesUnchanged { get; set; }

    public long EntriesDeleted { get; set; }

    /// <summary>Entries that could not be kept (no usable fingerprint, an over-long classification); <see cref="LastSkipped"/> says why.</summary>
    public long EntriesSkipped { get; set; }

    public string? LastSkipped { get; set; }

    public long FeedbackSent { get; set; }

    public string? LastFeedbackError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class NcmecSourceConfiguration : IEntityTypeConfiguration<NcmecSource>
{
    public void Configure(EntityTypeBuilder<NcmecSource> builder)
    {
        builder.ToTable("NcmecSources");
        builder.HasIndex(s => s.HashListId).IsUnique();
        builder.Property(s => s.Environment).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.BaseUrl).HasMaxLength(500);
        builder.Property(s => s.CredentialKeyId).HasMaxLength(40);
        builder.Property(s => s.CredentialKey).HasMaxLength(128);
        builder.Property(s => s.SealedCredentials).HasMaxLength(4096);
        builder.Property(s => s.FeedbackReason).HasMaxLength(100);
        builder.Property(s => s.NextPage).HasMaxLength(2000);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.Property(s => s.LastSkipped).HasMaxLength(500);
        builder.Property(s => s.LastFeedbackError).HasMaxLength(1000);
        builder.HasOne<HashList>().WithMany().HasForeignKey(s => s.HashListId).OnDelete(DeleteBehavior.Restrict);
    }
}
