using System.Globalization;

namespace Clearline.Pages.HashLists;

/// <summary>What the hash-list screens share: how figures are shown.</summary>
public static class HashListPages
{
    public static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "not reviewed";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "";
}
