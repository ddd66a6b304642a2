using System.Globalization;

namespace Clearline.Audit;

/// <summary>
/// Which entries to show: the actor (<c>system</c>, <c>anonymous</c>, a user or key id, or a person's user name or
/// e-mail address), the action, the object (a target such as <c>user:…</c>, or its prefix such as <c>blob:</c>), and
/// the time range (from inclusive, to exclusive; a bare date is that whole UTC day).
/// </summary>
public sealed record AuditFilter(string? Actor = null, AuditAction? Action = null, string? Target = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public const int TextMaxLength = 200;

    /// <summary>Reads a filter as the page, the API and the CSV export receive it; the error names the field.</summary>
    public static Result<AuditFilter> Parse(string? actor, string? action, string? target, string? from, string? to)
    {
        AuditAction? parsedAction = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            // Names only: Enum.TryParse would also take "1000", which means nothing to a reader.
            if (!Enum.GetNames<AuditAction>().Contains(action.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                return new InvalidError("action", $"Unknown action '{Shorten(action)}'.");
            }

            parsedAction = Enum.Parse<AuditAction>(action.Trim(), ignoreCase: true);
        }

        if (actor is { Length: > TextMaxLength })
        {
            return new InvalidError("actor", $"The actor must be at most {TextMaxLength} characters.");
        }

        if (target is { Length: > TextMaxLength })
        {
            return new InvalidError("target", $"The object must be at most {TextMaxLength} characters.");
        }

        if (!DateFilter.TryParseFrom(from, out var fromValue))
        {
            return new InvalidError("from", DateFilter.Message("from"));
        }

        if (!DateFilter.TryParseTo(to, DayEnd.Exclusive, out var toValue))
        {
            return new InvalidError("to", DateFilter.Message("to"));
        }

        if (fromValue is not null && toValue is not null && fromValue >= toValue)
        {
            return new InvalidError("to", "'to' must be after 'from'.");
        }

        return new AuditFilter(Blank(actor), parsedAction, Blank(target), fromValue, toValue);
    }

    /// <summary>Which filters are set, as a fixed vocabulary for the audit entry that records a view (never their values).</summary>
    public string Summary()
    {
        var set = new List<string>();
        if (Actor is not null)
        {
            set.Add("actor");
        }

        if (Action is { } a)
        {
            set.Add(string.Create(CultureInfo.InvariantCulture, $"action={a}"));
        }

        if (Target is not null)
        {
            set.Add("object");
        }

        if (From is not null || To is not null)
        {
            set.Add("time");
        }

        return set.Count == 0 ? "filters=none" : "filters=" + string.Join(',', set);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value.Trim();
}
