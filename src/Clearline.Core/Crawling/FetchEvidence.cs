using System.Text.Json;
using Clearline.Crawling.Fetching;

namespace Clearline.Crawling;

/// <summary>
/// The evidence of one fetch, stored encrypted beside the content: what was asked, every redirect, what answered
/// (status, headers, server address, TLS certificate) and when.
/// </summary>
public sealed record FetchEvidence(
    string RequestedUrl,
    string FinalUrl,
    IReadOnlyList<FetchRedirect> Redirects,
    int? StatusCode,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ServerAddress,
    TlsCertificateSummary? Certificate,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string? Error,
    long BodyLength)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static FetchEvidence From(FetchResult fetch) => new(
        fetch.RequestedUrl.AbsoluteUri,
        fetch.FinalUrl.AbsoluteUri,
        fetch.Redirects,
        fetch.StatusCode,
        fetch.Headers,
        fetch.ServerAddress?.ToString(),
        fetch.Certificate,
        fetch.StartedAt,
        fetch.CompletedAt,
        fetch.Error is null ? null : $"{fetch.Error.Kind}: {fetch.Error.Message}",
        fetch.Body.Length);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static FetchEvidence? FromJson(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<FetchEvidence>(json, Json);
}
