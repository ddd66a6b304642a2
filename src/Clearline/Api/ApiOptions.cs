using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Api;

public sealed class ApiOptions : ISectionOptions
{
    public static string Section => "Api";

    /// <summary>Largest request body accepted by default; larger requests answer 413.</summary>
    [Range(1024, 1L << 31, ErrorMessage = "must be between 1024 bytes and 2 GiB")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute for one API key (token bucket; bursts up to this many).</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between 1 and 1000000")]
    public int RequestsPerMinutePerKey { get; set; } = 600;

    /// <summary>Hash-check requests per minute for one API key (each checks up to 1,000 hashes).</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be between 1 and 1000000")]
    public int HashChecksPerMinutePerKey { get; set; } = 60;

    /// <summary>Sign-in attempts per minute from one client address.</summary>
    [Range(1, 10_000, ErrorMessage = "must be between 1 and 10000")]
    public int SignInAttemptsPerMinutePerAddress { get; set; } = 20;
}
