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
            Text(body, "memo", errors),
            Credentials(body, errors));
    }

    private static GatedContentCredentials? Credentials(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("credentials", out var credentials) || credentials.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (credentials.ValueKind != JsonValueKind.Object)
        {
            errors["credentials"] = ["must be an object with username, password and/or note."];
            return null;
        }

        return new GatedContentCredentials(
            Text(credentials, "username", errors, "credentials.username"),
            Text(credentials, "password", errors, "credentials.password"),
            Text(credentials, "note", errors, "credentials.note"));
    }

    private static string? Text(JsonElement body, string field, Dictionary<string, string[]> errors, string? path = null)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[path ?? field] = ["must be a string."];
            return null;
        }

        return value.GetString();
    }

    private static DateTimeOffset? Date(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!ReportValues.TryParseDate(Text(body, field, errors), out var value, out var error))
        {
            errors[field] = [error!];
        }

        return value;
    }

    private static T Enum<T>(string? value, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (!ReportValues.TryParse<T>(value, out var parsed, out var error))
        {
            errors[field] = [error!];
        }

        return parsed;
    }
}
