using Clearline.Classification;
using Clearline.Identity;
using Clearline.Tenancy;
using Microsoft.Extensions.Options;

namespace Clearline.Audit;

/// <summary>One person's exposure on one UTC day, from the wellbeing counters (<see cref="AnalystDay"/>).</summary>
public sealed record ExposureDay(Guid PersonId, string Person, DateOnly Day, int Reveals, int Minutes, bool OverLimit);

/// <summary>
/// A supervisor's wellbeing view: each person of the caller's own organisation, per day, with the reveals and
/// minutes in the workspace that <see cref="Wellbeing"/> counts. Read from those counters, never counted again here.
/// </summary>
/// <remarks>
/// Only the caller's organisation, even for the coordinator: exposure is a matter for each team's own supervisor,
/// and another organisation's staff are not the coordinator's to watch. Looking is audited
/// (<see cref="AuditAction.ExposureViewed"/>): these are figures about people.
/// </remarks>
public sealed class TeamExposure(ClearlineDbContext db, AuditTrail trail, IOptions<WellbeingOptions> options)
{
    public const int MaxDays = 92;

    public async Task<Result<IReadOnlyList<ExposureDay>>> DaysAsync(Caller caller, DateOnly from, DateOnly to, string? clientIp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (to < from)
        {
            return new InvalidError("to", "'to' is before 'from'.");
        }

        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            return new InvalidError("to", $"Show at most {MaxDays} days at a time.");
        }

        await trail.AppendAsync(new AuditEvent(AuditAction.ExposureViewed, caller.Actor, caller.OrganisationId, ClientIp: clientIp), ct);
        var organisation = caller.OrganisationId;
        var people = await db.Set<ClearlineUser>().AsNoTracking().Where(u => u.OrganisationId == organisation)
            .Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id.ToString("D"), ct);
        var ids = people.Keys.ToList();
        var days = await db.Set<AnalystDay>().AsNoTracking()
            .Where(d => ids.Contains(d.AnalystId) && d.Day >= from && d.Day <= to)
            .ToListAsync(ct);
        var limit = options.Value.DailySoftLimit;
        return days
            .Select(d => new ExposureDay(d.AnalystId, people[d.AnalystId], d.Day, d.Reveals, d.Minutes, TimeSpan.FromMinutes(d.Minutes) >= limit))
            .OrderByDescending(d => d.Day).ThenBy(d => d.Person, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
