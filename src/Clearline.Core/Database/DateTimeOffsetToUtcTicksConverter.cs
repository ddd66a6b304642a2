using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clearline.Database;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks so SQLite can order and compare it.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
