using System.Text.Json;
using System.Text.Json.Serialization;
using Clearline.Reports;

namespace Clearline.Api;

/// <summary>
/// Reads a date and time that states no offset as UTC, as the API always has (`2026-11-25T08:00:00` is 08:00 UTC),
/// never as the server's local time; one with an offset keeps it. Written as System.Text.Json writes it.
/// </summary>
public sealed class UtcUnlessOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ReportValues.TryParseDate(reader.GetString(), out var value, out _) && value is { } date
            ? date
            : throw new JsonException(ReportValues.DateMessage);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
