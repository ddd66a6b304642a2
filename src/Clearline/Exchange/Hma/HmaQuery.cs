namespace Clearline.Exchange.Hma;

/// <summary>Query parameters as HMA's Flask endpoints read them.</summary>
internal static class HmaQuery
{
    /// <summary>HMA's <c>banks</c>: comma-separated names; absent or empty is every bank.</summary>
    public static IReadOnlyCollection<string>? Banks(string? banks) =>
        string.IsNullOrEmpty(banks) ? null : banks.Split(',');

    /// <summary>A boolean as pydantic reads one from a query string (<c>true</c>, <c>True</c>, <c>1</c>, <c>yes</c>, <c>on</c>…); absent is false.</summary>
    public static Result<bool> Flag(string name, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => false,
        "true" or "1" or "yes" or "on" or "t" or "y" => true,
        "false" or "0" or "no" or "off" or "f" or "n" => false,
        _ => new InvalidError(name, $"'{value}' is not a boolean: use true or false."),
    };
}
