namespace Clearline.HashLists.Formats;

/// <summary>
/// Which column of a CSV or TSV file holds which field, from its header. Names match case-insensitively and ignore
/// spaces, <c>_</c> and <c>-</c>, so <c>MD5</c>, <c>md5_hash</c> and <c>MD5 Hash</c> are one column; unknown
/// columns are ignored and the order is free (INTEROP.md §2.2: never hard-code a column order).
/// </summary>
internal sealed class DelimitedColumns
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["md5"] = "md5", ["md5hash"] = "md5",
        ["sha1"] = "sha1", ["sha1hash"] = "sha1",
        ["sha256"] = "sha256", ["sha256hash"] = "sha256",
        ["pdq"] = "pdq", ["pdqhash"] = "pdq",
        ["quality"] = "quality", ["pdqquality"] = "quality",
        ["photodna"] = "photodna", ["pdna"] = "photodna", ["photodnahash"] = "photodna",
        ["category"] = "category", ["cat"] = "category", ["classification"] = "category",
        ["vpdq"] = "vpdq", ["vpdqhash"] = "vpdq", ["videovpdq"] = "vpdq",
        ["id"] = "id", ["mediaid"] = "id", ["imageid"] = "id", ["sourceid"] = "id",
    };

    private static readonly string[] HashFields = ["md5", "sha1", "sha256", "pdq", "photodna", "vpdq"];

    private readonly Dictionary<string, int> _index;

    private DelimitedColumns(Dictionary<string, int> index, int count)
    {
        _index = index;
        Count = count;
    }

    /// <summary>The number of columns every row must have.</summary>
    public int Count { get; }

    /// <summary>The columns named by <paramref name="header"/>, or null when it names no hash column.</summary>
    public static DelimitedColumns? FromHeader(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (Aliases.TryGetValue(Normalise(header[i]), out var field))
            {
                index.TryAdd(field, i);
            }
        }

        return HashFields.Any(index.ContainsKey) ? new DelimitedColumns(index, header.Count) : null;
    }

    /// <summary>The fields of one row (which has <see cref="Count"/> fields).</summary>
    public RawEntry Read(IReadOnlyList<string> row) => new(
        Md5: Field(row, "md5"),
        Sha1: Field(row, "sha1"),
        Sha256: Field(row, "sha256"),
        Pdq: Field(row, "pdq"),
        PdqQuality: Field(row, "quality"),
        PhotoDna: Field(row, "photodna"),
        Category: Field(row, "category"),
        SourceId: Field(row, "id"),
        Vpdq: Field(row, "vpdq"));

    private string? Field(IReadOnlyList<string> row, string field) => _index.TryGetValue(field, out var i) ? row[i] : null;

    private static string Normalise(string name) =>
        string.Concat(name.Where(c => c is not (' ' or '_' or '-'))).ToLowerInvariant();
}
