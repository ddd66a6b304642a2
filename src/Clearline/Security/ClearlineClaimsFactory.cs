using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace Clearline.Security;

/// <summary>Adds the organisation and role to a person's session, so every request knows its tenant.</summary>
public sealed class ClearlineClaimsFactory(UserManager<ClearlineUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ClearlineUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ClearlineUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClearlineClaims.Organisation, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(ClearlineClaims.Role, user.Role.ToString()));
        return identity;
    }
}
