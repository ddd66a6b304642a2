using Microsoft.Extensions.Options;

namespace Clearline.Classification;

/// <summary>An analyst's day so far, against the daily soft limit.</summary>
public sealed record WellbeingToday(DateOnly Day, int Reveals, int Minutes, TimeSpan DailySoftLimit, bool OverLimit, FilterSettings Filters);

/// <summary>An analyst's preview filters.</summary>
public sealed record FilterSettings(int BlurStrength, bool Greyscale);

/// <summary>
/// Per analyst and UTC day: reveals (counted by every reveal) and minutes in the workspace (counted from
/// heartbeats: each heartbeat counts its own minute, once), and the analyst's preview filters.
/// </summary>
/// <remarks>Counters are updated with single conditional statements, so concurrent heartbeats and reveals never lose or double a count.</remarks>
public sealed class Wellbeing(ClearlineDbContext db, IOptions<WellbeingOptions> options, TimeProvider time)
{
    /// <summary>Counts a minute in the workspace, unless this minute was counted already.</summary>
    public async Task<WellbeingToday> HeartbeatAsync(Guid analystId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (day, minute) = (DateOnly.FromDateTime(now.UtcDateTime), (int)now.UtcDateTime.TimeOfDay.TotalMinutes);
        await EnsureDayAsync(analystId, day, ct);
        await db.Set<AnalystDay>()
            .Where(d => d.AnalystId == analystId && d.Day == day && d.LastMinute < minute)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Minutes, d => d.Minutes + 1).SetProperty(d => d.LastMinute, minute), ct);
        return await TodayAsync(analystId, ct);
    }

    /// <summary>Counts one reveal, in the caller's transaction when there is one.</summary>
    public async Task CountRevealAsync(Guid analystId, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await EnsureDayAsync(analystId, day, ct);
        await db.Set<AnalystDay>()
            .Where(d => d.AnalystId == analystId && d.Day == day)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Reveals, d => d.Reveals + 1), ct);
    }

    public async Task<WellbeingToday> TodayAsync(Guid analystId, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var today = await db.Set<AnalystDay>().AsNoTracking().FirstOrDefaultAsync(d => d.AnalystId == analystId && d.Day == day, ct);
        var filters = await db.Set<AnalystFilters>().AsNoTracking().FirstOrDefaultAsync(f => f.AnalystId == analystId, ct) ?? new AnalystFilters();
        var limit = options.Value.DailySoftLimit;
        var minutes = today?.Minutes ?? 0;
        return new WellbeingToday(day, today?.Reveals ?? 0, minutes, limit, TimeSpan.FromMinutes(minutes) >= limit, new FilterSettings(filters.BlurStrength, filters.Greyscale));
    }

    public async Task<Result<FilterSettings>> SetFiltersAsync(Guid analystId, FilterSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BlurStrength is < 0 or > AnalystFilters.MaxBlurStrength)
        {
            return new InvalidError("blurStrength", $"The blur strength must be between 0 and {AnalystFilters.MaxBlurStrength}.");
        }

        var filters = await db.Set<AnalystFilters>().FirstOrDefaultAsync(f => f.AnalystId == analystId, ct);
        if (filters is null)
        {
            filters = new AnalystFilters { AnalystId = analystId };
            db.Add(filters);
        }

        filters.BlurStrength = settings.BlurStrength;
        filters.Greyscale = settings.Greyscale;
        filters.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new FilterSettings(filters.BlurStrength, filters.Greyscale);
    }

    /// <summary>Creates the day's row when missing; a concurrent creation of the same row is as good as ours.</summary>
    private async Task EnsureDayAsync(Guid analystId, DateOnly day, CancellationToken ct)
    {
        if (await db.Set<AnalystDay>().AnyAsync(d => d.AnalystId == analystId && d.Day == day, ct))
        {
            return;
        }

        var row = new AnalystDay { AnalystId = analystId, Day = day };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            if (!await db.Set<AnalystDay>().AsNoTracking().AnyAsync(d => d.AnalystId == analystId && d.Day == day, ct))
            {
                throw;
            }

            // Another request created it first.
            return;
        }

        db.Entry(row).State = EntityState.Detached;
    }
}
