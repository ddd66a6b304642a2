namespace Clearline.Statistics;

/// <summary>Whose reports the figures count: one hotline's, or the whole network's.</summary>
/// <remarks>
/// Any member may see the network's figures: they are aggregates (counts, shares, durations) and name no report,
/// URL or item, so they reveal nothing of another hotline's reports. A hotline's own scope is always the caller's
/// organisation, never one taken from input.
/// </remarks>
public sealed record StatisticsScope
{
    private StatisticsScope(Guid? organisationId) => OrganisationId = organisationId;

    /// <summary>Every report of every member.</summary>
    public static StatisticsScope Network { get; } = new((Guid?)null);

    /// <summary>The hotline whose reports are counted; null for the network.</summary>
    public Guid? OrganisationId { get; }

    /// <summary><c>hotline</c> or <c>network</c>, as the API and the CSV export name the scope.</summary>
    public string Name => OrganisationId is null ? NetworkName : HotlineName;

    public const string HotlineName = "hotline";

    public const string NetworkName = "network";

    /// <summary>The reports received by <paramref name="organisationId"/>.</summary>
    public static StatisticsScope Hotline(Guid organisationId) => new(organisationId);
}
