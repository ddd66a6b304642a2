using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearline.Identity;

/// <summary>A person who signs in. Belongs to exactly one organisation and holds one role there.</summary>
/// <remarks>
/// Deliberately not <c>ITenantOwned</c>: sign-in must find the user before any tenant is known. User
/// management scopes every query by the administrator's organisation explicitly (see Identity/UserDirectory).
/// </remarks>
public sealed class ClearlineUser : IdentityUser<Guid>
{
    public Guid OrganisationId { get; set; }

    public Role Role { get; set; }

    /// <summary>Set for a one-time password from the command line or demo: must be changed at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted, so no code is accepted twice
    /// (see <see cref="OneTimeAuthenticatorTokenProvider"/>); null until the first code.
    /// </summary>
    public long? LastAuthenticatorTimeStep { get; set; }

    /// <summary>When the organisation's administrator disabled the account; null while it may sign in.</summary>
    /// <remarks>Disabling also changes the security stamp, so the person's sessions end on their next request.</remarks>
    public DateTimeOffset? DisabledAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;
}

internal sealed class ClearlineUserConfiguration : IEntityTypeConfiguration<ClearlineUser>
{
    public void Configure(EntityTypeBuilder<ClearlineUser> builder)
    {
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrganisationId);

        // Written only by the provider's conditional UPDATE: a later save of a user loaded earlier must not move it back.
        builder.Property(u => u.LastAuthenticatorTimeStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
