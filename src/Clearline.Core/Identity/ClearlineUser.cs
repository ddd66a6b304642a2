using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
}

internal sealed class ClearlineUserConfiguration : IEntityTypeConfiguration<ClearlineUser>
{
    public void Configure(EntityTypeBuilder<ClearlineUser> builder)
    {
        builder.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrganisationId);
    }
}
