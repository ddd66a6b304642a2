using Clearline.Tenancy;

namespace Clearline.Identity;

/// <summary>Who administers an organisation's people: its administrator (a person or a key) or the operator's command line.</summary>
/// <remarks>
/// The organisation is always the caller's own, never taken from the request, so an administrator reaches no other
/// organisation's people. Only the operator (the command line, on the server) may give the SystemAdmin role: an
/// organisation's administrator cannot make anyone an operator of the whole server.
/// </remarks>
public sealed record PeopleAdministrator
{
    private PeopleAdministrator(Guid organisationId, AuditActor actor, bool isOperator)
    {
        OrganisationId = organisationId;
        Actor = actor;
        IsOperator = isOperator;
    }

    public Guid OrganisationId { get; }

    public AuditActor Actor { get; }

    public bool IsOperator { get; }

    /// <summary>The caller as administrator of its own organisation; the page or endpoint has checked ManageUsers or organisation:admin.</summary>
    public static PeopleAdministrator For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new(caller.OrganisationId, caller.Actor, isOperator: false);
    }

    /// <summary>The operator at the command line, acting in <paramref name="organisationId"/>.</summary>
    public static PeopleAdministrator Operator(Guid organisationId) => new(organisationId, AuditActor.System, isOperator: true);
}
