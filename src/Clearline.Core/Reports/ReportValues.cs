using System.Globalization;

namespace Clearline.Reports;

/// <summary>
/// Reads the text form of a report's context values, one way for every way in (JSON, CSV, forms), with messages
/// that name the accepted choices.
/// </summary>
public static class ReportValues
{
    /// <summary>A vocabulary name (case-insensitive); blank is the default. Numbers are refused: they hide typos.</summary>
    public static bool TryParse<T>(string? text, out T value, out string? error) where T : struct, Enum
    {
        value = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (Enum.TryParse(trimmed, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(trimmed, CultureInfo.InvariantCulture, out _))
        {
            return true;
        }

        value = default;
        error = $"'{text}' is not one of: {string.Join(", ", Enum.GetNames<T>().Where(n => n != "None"))}.";
        return false;
    }

    /// <summary>Payment methods separated by <paramref name="separator"/>; blank entries are ignored.</summary>
    public static bool TryParsePaymentMethods(string? text, char separator, out PaymentMethods methods, out string? error)
    {
        methods = PaymentMethods.None;
        error = null;
        foreach (var name in (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse<PaymentMethods>(name, out var method, out error) || method == PaymentMethods.None)
            {
                error ??= $"'{name}' is not a payment method.";
                return false;
            }

            methods |= method;
        }

        return true;
    }

    /// <summary>What a date and time must be, wherever one is refused (forms, CSV batches, API bodies).</summary>
    public const string DateMessage = "must be an ISO 8601 date and time, e.g. 2026-11-25T08:00:00Z.";

    /// <summary>An ISO 8601 date and time; without an offset it is taken as UTC. Blank is null.</summary>
    public static bool TryParseDate(string? text, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = DateMessage;
        return false;
    }

    /// <summary>What a URL with a control character in it is told.</summary>
    public const string ControlCharacterMessage = "must not contain control characters (NUL, tab, CR, LF…); percent-encode them (%00, %0A).";

    /// <summary>
    /// Whether <paramref name="text"/> holds a C0 control character or DEL. A URL with NUL, CR or LF in it is not
    /// what anyone typed: browsers strip such characters differently from servers, and CR/LF split the request
    /// line and headers a crawler sends, so it is refused rather than cleaned.
    /// </summary>
    public static bool HasControlCharacters(string? text) =>
        text is not null && (text.AsSpan().ContainsAnyInRange('\0', '\u001F') || text.Contains('\u007F', StringComparison.Ordinal));

    /// <summary>The names of the payment methods a report carries, for display and responses.</summary>
    public static IReadOnlyList<string> Names(PaymentMethods methods) =>
        [.. Enum.GetValues<PaymentMethods>().Where(m => m != PaymentMethods.None && methods.HasFlag(m)).Select(m => m.ToString())];
}
