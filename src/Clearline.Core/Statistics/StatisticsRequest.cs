
namespace Clearline.Statistics;

/// <summary>Which figures someone asked for: a scope and a period, read the same way by the API and the page.</summary>
public sealed record StatisticsRequest(StatisticsScope Scope, StatisticsPeriod Period)
{
    /// <summary>How the trend cuts the period (<see cref="StatisticsIntervals.Parse"/>): weeks unless asked otherwise or the period is long.</summary>
    public StatisticsInterval Interval { get; init; } = StatisticsInterval.Week;

    /// <summary>The shortest period network figures cover.</summary>
    public static readonly TimeSpan MinimumNetworkPeriod = TimeSpan.FromDays(1);

    /// <summary>
    /// Reads <paramref name="scope"/> (<c>hotline</c>, the default, or <c>network</c>) and the period
    /// (<see cref="StatisticsPeriod.Parse"/>).
    /// </summary>
    /// <remarks>
    /// The hotline scope is always <paramref name="callerOrganisationId"/>: a caller asks for no other hotline's figures.
    /// Network figures cover at least <see cref="MinimumNetworkPeriod"/>: over a shorter window a count of one is a
    /// single report another hotline received, with its time, which aggregates must not reveal.
    /// </remarks>
    public static Result<StatisticsRequest> Parse(string? scope, string? from, string? to, Guid callerOrganisationId, DateTimeOffset now) =>
        Parse(scope, from, to, null, callerOrganisationId, now);

    /// <summary>As <see cref="Parse(string?, string?, string?, Guid, DateTimeOffset)"/>, with the trend's <paramref name="interval"/> (<c>week</c> or <c>month</c>).</summary>
    public static Result<StatisticsRequest> Parse(string? scope, string? from, string? to, string? interval, Guid callerOrganisationId, DateTimeOffset now)
    {
        StatisticsScope? wanted = scope?.Trim().ToLowerInvariant() switch
        {
            null or "" or StatisticsScope.HotlineName => StatisticsScope.Hotline(callerOrganisationId),
            StatisticsScope.NetworkName => StatisticsScope.Network,
            _ => null,
        };
        if (wanted is null)
        {
            return new InvalidError("scope", $"'{scope}' is not a scope; use {StatisticsScope.HotlineName} or {StatisticsScope.NetworkName}.");
        }

        var period = StatisticsPeriod.Parse(from, to, now);
        if (!period.IsSuccess)
        {
            return period.Error;
        }

        if (wanted.OrganisationId is null && period.Value.To - period.Value.From < MinimumNetworkPeriod)
        {
            return new InvalidError("to", "'to' must be at least one day after 'from' for network figures, so that they never single out one report.");
        }

        var cut = StatisticsIntervals.Parse(interval, period.Value);
        if (!cut.IsSuccess)
        {
            return cut.Error;
        }

        return new StatisticsRequest(wanted, period.Value) { Interval = cut.Value };
    }
}
