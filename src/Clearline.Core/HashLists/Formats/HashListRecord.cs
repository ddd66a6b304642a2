namespace Clearline.HashLists.Formats;

/// <summary>
/// What a hash-list reader yields, in file order: entries, per-line errors (the line is skipped, the rest is
/// still read), and for VICS the document's model, which names the category scheme.
/// </summary>
/// <remarks>
/// <c>Line</c> is the 1-based physical line where the entry starts in CSV, TSV and PDQ lists, and the 1-based
/// position of the Media record in a VICS file (JSON files are often one long line). An error at line 0 concerns
/// the file as a whole.
/// </remarks>
public abstract record HashListRecord
{
    private HashListRecord()
    {
    }

    /// <summary>A valid entry.</summary>
    public sealed record Entry(long Line, HashListEntry Value) : HashListRecord;

    /// <summary>
    /// A line or record that was skipped, with a reason naming the field at fault; never a hash value. With
    /// <c>EndsReading</c> the file cannot be read past this point: it is truncated (it ends inside a record) or its
    /// syntax is broken beyond repair, so nothing after it was read and the file as a whole is incomplete.
    /// </summary>
    public sealed record Error(long Line, string Message, bool EndsReading = false) : HashListRecord;

    /// <summary>
    /// The VICS model a JSON file declares, yielded before its entries so the importer can pick the category scheme
    /// (1.x files may use the legacy 0–5 scheme where 0 meant uncategorised; 2.0 uses 0 = non-pertinent, null = uncategorised).
    /// </summary>
    /// <param name="Context">The <c>@odata.context</c> or <c>odata.metadata</c> value as written.</param>
    /// <param name="Version">The data-model version in the URL, e.g. <c>"1.3"</c> or <c>"2.0"</c>; null when absent.</param>
    /// <param name="Flavour">The 2.0 flavour segment (<c>Default</c>, <c>US</c>, <c>UK</c>, <c>CUSTOM</c>); null for 1.x.</param>
    /// <param name="IsCaseExport">True for <c>#Cases</c>, false for a <c>#Media</c> hash set.</param>
    public sealed record VicsModel(string Context, string? Version, string? Flavour, bool IsCaseExport) : HashListRecord;
}
