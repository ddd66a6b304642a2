using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.Classification;

/// <summary>
/// Who decides: an analyst of a hotline (a person, or a hotline's case system through an API key), under that
/// hotline's country's law.
/// </summary>
/// <param name="OrganisationId">The analyst's organisation.</param>
/// <param name="CountryCode">The organisation's country, whose law a National decision is under; null for the coordinator.</param>
/// <param name="AnalystId">The person's user id, or the API key's id when <see cref="IsApiKey"/>.</param>
public sealed record Assessor(Guid OrganisationId, string? CountryCode, Guid AnalystId)
{
    /// <summary>The decision comes through an API key, whose id is <see cref="AnalystId"/>.</summary>
    public bool IsApiKey { get; init; }

    /// <summary>The organisation's kind, for which hash lists' decisions it may see.</summary>
    public OrganisationKind Kind { get; init; } = OrganisationKind.Hotline;

    /// <summary>The network's coordinator: the only one who may change another hotline's Baseline decision.</summary>
    public bool IsCoordinator => Kind == OrganisationKind.Coordinator;

    public AuditActor Actor => IsApiKey ? AuditActor.ApiKey(AnalystId) : AuditActor.User(AnalystId);

    public HashListViewer ListViewer => new(OrganisationId, Kind);

    /// <summary>The caller as the analyst deciding for its organisation, as a person or through a key.</summary>
    public static Assessor For(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new Assessor(caller.OrganisationId, caller.CountryCode, caller.PrincipalId)
        {
            IsApiKey = caller.IsApiKey,
            Kind = caller.Kind,
        };
    }
}
