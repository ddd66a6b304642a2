using System.Globalization;
using System.Text.Json;
using Clearline.Reports;

namespace Clearline.Api;

/// <summary>
/// Reads a submitted report from its JSON body field by field, so that every wrong value (a number for the URL,
/// a date that is not one, an unknown site type) answers 400 naming the field rather than a generic parse error.
/// </summary>
public static class ReportSubmissionReader
{
    public static ReportSubmission Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object."];
            return new ReportSubmission(null);
        }

        var payment = PaymentMethods.None;
        if (body.TryGetProperty("paymentMethods", out var methods) && methods.ValueKind != JsonValueKind.Null)
        {
            if (methods.ValueKind != JsonValueKind.Array || methods.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String))
            {
                errors["paymentMethods"] = ["must be an array of strings."];
            }
            else
            {
                foreach (var method in methods.EnumerateArray())
                {
                    payment |= Enum<PaymentMethods>(method.GetString(), "paymentMethods", errors);
                }
            }
        }

        return new ReportSubmission(
            Text(body, "url", errors),
            Date(body, "receivedAt", errors),
            Text(body, "hotlineReference", errors),
            Enum<SiteType>(Text(body, "siteType", errors), "siteType", errors),
            Enum<Commerciality>(Text(body, "commerciality", errors), "commerciality", errors),
            payment,
            Text(body, "referrer", errors),
            Text(body, "memo", errors));
    }

    private static string? Text(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = ["must be a string."];
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset? Date(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        var text = Text(body, field, errors);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[field] = ["must be an ISO 8601 date and time, e.g. 2026-11-25T08:00:00Z."];
        return null;
    }

    private static T Enum<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return default;
        }

        if (System.Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors[field] = [$"'{value}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Where(n => n != "None"))}."];
        return default;
    }
}
