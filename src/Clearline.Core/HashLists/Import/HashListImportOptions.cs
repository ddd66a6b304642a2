using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.HashLists.Import;

/// <summary>Limits of hash-list imports (section <c>HashListImports</c>).</summary>
public sealed class HashListImportOptions : ISectionOptions
{
    public static string Section => "HashListImports";

    /// <summary>The most <see cref="MaxFileBytes"/> may be set to; the server's own cap on an upload.</summary>
    public const long UpperLimitBytes = 64L << 30;

    /// <summary>The largest file an upload (API or page) may carry; police databases run to hundreds of megabytes.</summary>
    [Range(1024, UpperLimitBytes, ErrorMessage = "must be between 1024 bytes and 64 GiB")]
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Lines applied per transaction. Larger batches import faster; smaller ones lose less work to a killed worker
    /// and hold the hash-list write lock for less time.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "must be between 1 and 100000")]
    public int BatchLines { get; set; } = 10_000;
}
