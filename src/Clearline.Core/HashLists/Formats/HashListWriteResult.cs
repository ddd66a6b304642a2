namespace Clearline.HashLists.Formats;

/// <summary>The outcome of <see cref="HashListWriter.WriteAsync"/>, for the export's audit record.</summary>
/// <param name="Written">Entries written.</param>
/// <param name="Skipped">Entries the format cannot hold (no MD5 for VICS, no PDQ for a PDQ list).</param>
public sealed record HashListWriteResult(long Written, long Skipped);
