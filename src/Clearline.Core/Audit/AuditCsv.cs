using System.Globalization;
using System.Text;

namespace Clearline.Audit;

/// <summary>
/// The audit trail as CSV (RFC 4180, UTF-8, newest first), written row by row as entries are read, so an export of
/// years of entries never sits in memory.
/// </summary>
/// <remarks>
/// Cells are guarded against formula injection: targets, details and names come from people (a key name, a user
/// name), and a spreadsheet would run a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage
/// return; such a cell is prefixed with an apostrophe. Every cell with a comma, quote or line break is quoted.
/// </remarks>
public static class AuditCsv
{
    public const string ContentType = "text/csv";

    public const string Header = "sequence,time_utc,action,action_words,actor,actor_name,organisation_id,organisation,object,client_ip,detail";

    public static string FileName(DateTimeOffset now) =>
        "clearline-audit-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".csv";

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await writer.WriteAsync(Header + "\n");
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row));
            if (++count % 200 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }

        await writer.FlushAsync(ct);
    }

    public static string Line(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string[] cells =
        [
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            row.Action.ToString(),
            row.ActionText,
            row.Actor,
            row.ActorName,
            row.OrganisationId?.ToString("D") ?? string.Empty,
            row.OrganisationName ?? string.Empty,
            row.Target ?? string.Empty,
            row.ClientIp ?? string.Empty,
            row.Detail ?? string.Empty,
        ];
        return string.Join(',', cells.Select(Cell)) + "\n";
    }

    /// <summary>One cell, guarded and quoted as needed.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
