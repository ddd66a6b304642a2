using System.Globalization;
using System.Net;

namespace Clearline.Crawling.Extraction;

/// <summary>
/// Mozilla's public suffix list: which domains are registrable (<c>example.co.uk</c>) rather than shared
/// suffixes (<c>co.uk</c>), so that a crawl of one site does not wander into every other site under the suffix.
/// </summary>
/// <remarks>
/// The private section is used too (<c>github.io</c>, <c>blogspot.com</c>...): two users' sites under such a
/// suffix belong to different people, so a "same site" crawl of one must not follow into the other.
/// </remarks>
public sealed class PublicSuffixList
{
    private static readonly IdnMapping Idn = new();

    private readonly HashSet<string> _rules;
    private readonly HashSet<string> _wildcardParents;
    private readonly HashSet<string> _exceptions;

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcardParents, HashSet<string> exceptions)
    {
        _rules = rules;
        _wildcardParents = wildcardParents;
        _exceptions = exceptions;
    }

    /// <summary>No rules but the implicit <c>*</c>: the last two labels of a host are its site.</summary>
    public static PublicSuffixList Fallback { get; } = new([], [], []);

    /// <summary>The number of rules loaded (normal, wildcard and exception).</summary>
    public int RuleCount => _rules.Count + _wildcardParents.Count + _exceptions.Count;

    /// <summary>Reads a list in Mozilla's format (<c>public_suffix_list.dat</c>: one rule a line, <c>//</c> comments, <c>*.</c> wildcards, <c>!</c> exceptions).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PublicSuffixList Load(string path)
    {
        HashSet<string> rules = new(StringComparer.Ordinal), wildcards = new(StringComparer.Ordinal), exceptions = new(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var rule = line.AsSpan().Trim();
            var end = rule.IndexOfAny(' ', '\t');
            rule = end < 0 ? rule : rule[..end];
            if (rule.IsEmpty || rule.StartsWith("//"))
            {
                continue;
            }

            var (set, name) = rule switch
            {
                ['!', .. var rest] => (exceptions, rest.ToString()),
                ['*', '.', .. var rest] => (wildcards, rest.ToString()),
                _ => (rules, rule.ToString()),
            };
            if (ToAscii(name) is { } ascii)
            {
                set.Add(ascii);
            }
        }

        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    /// <summary>
    /// The registrable domain (public suffix plus one label) of <paramref name="host"/>, in lowercase ASCII
    /// (punycode): <c>a.b.example.co.uk</c> gives <c>example.co.uk</c>. An IP literal gives itself; a bare public
    /// suffix, an empty or malformed host gives null.
    /// </summary>
    public string? RegistrableDomain(string host)
    {
        var bare = host.Trim().TrimEnd('.');
        if (IPAddress.TryParse(bare.Trim('[', ']'), out var ip))
        {
            return ip.ToString();
        }

        if (ToAscii(bare) is not { } ascii)
        {
            return null;
        }

        var labels = ascii.Split('.');
        var suffixLabels = SuffixLabelCount(labels);
        return labels.Length > suffixLabels ? string.Join('.', labels[^(suffixLabels + 1)..]) : null;
    }

    /// <summary>How many trailing labels form the public suffix: the longest matching rule, exceptions first.</summary>
    private int SuffixLabelCount(string[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            var candidate = string.Join('.', labels[i..]);
            if (_exceptions.Contains(candidate))
            {
                return labels.Length - i - 1;
            }

            if (_rules.Contains(candidate) || (i + 1 < labels.Length && _wildcardParents.Contains(string.Join('.', labels[(i + 1)..]))))
            {
                return labels.Length - i;
            }
        }

        return 1;
    }

    private static string? ToAscii(string name)
    {
        if (name.Length == 0 || name.Split('.').Any(label => label.Length == 0))
        {
            return null;
        }

        try
        {
            return Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
