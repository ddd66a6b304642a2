using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.LawEnforcement;

/// <summary>
/// Who asks in the law-enforcement portals: a police unit (a <see cref="OrganisationKind.LawEnforcement"/>
/// organisation with a country) or INTERPOL, as a person or through an API key.
/// </summary>
/// <remarks><c>PrincipalId</c>: the officer's user id, or the key's id when <see cref="IsApiKey"/>.</remarks>
public sealed record Officer(Guid OrganisationId, OrganisationKind Kind, string? CountryCode, Guid PrincipalId, bool IsApiKey)
{
    public bool IsPolice => Kind == OrganisationKind.LawEnforcement && CountryCode is not null;

    public bool IsInterpol => Kind == OrganisationKind.Interpol;

    public AuditActor Actor => IsApiKey ? AuditActor.ApiKey(PrincipalId) : AuditActor.User(PrincipalId);

    public static Officer For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new Officer(caller.OrganisationId, caller.Kind, caller.CountryCode, caller.PrincipalId, caller.IsApiKey);
    }
}
