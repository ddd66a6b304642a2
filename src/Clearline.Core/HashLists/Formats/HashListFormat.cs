namespace Clearline.HashLists.Formats;

/// <summary>The file formats a known-material hash list arrives in (see <c>shared/INTEROP.md</c> §1 to §3).</summary>
public enum HashListFormat
{
    /// <summary>Project VIC VICS JSON, 1.x (OData v3) or 2.0 (OData v4), hash set (<c>#Media</c>) or case export (<c>#Cases</c>).</summary>
    VicsJson,

    /// <summary>Comma-separated values (RFC 4180) with a header naming the hash columns; a header using <c>;</c> (INTERPOL ICSE) is accepted too.</summary>
    Csv,

    /// <summary>Tab-separated values with a header naming the hash columns.</summary>
    Tsv,

    /// <summary>
    /// A PDQ list as Meta's tools write it: <c>hash,quality[,name]</c>, <c>hash=…,metadata</c>, <c>pdq hash</c>
    /// (ThreatExchange <c>local_file</c>) or a bare hash, one per line.
    /// </summary>
    PdqList,

    /// <summary>INTERPOL ICSE's CSV (<c>;</c>-separated, ICSE's header; the Baseline flag is the category): ICSE's answer to a hand-off.</summary>
    IcseCsv,

    /// <summary>
    /// A signal list as HMA / ThreatExchange exchange them: CSV or TSV with <c>signal_type</c> and <c>signal</c> columns,
    /// where a <c>vpdq</c> signal is a video's JSON array of <c>"hex,quality,timestamp"</c> (also <c>pdq</c>,
    /// <c>video_md5</c>, <c>video_sha256</c>).
    /// </summary>
    SignalCsv,
}
