using System.Net;

namespace Clearline.Crawling.Fetching;

/// <summary>Gathers the evidence of one fetch hop by hop and turns it into a <see cref="FetchResult"/>.</summary>
internal sealed class FetchTrail(Uri requested, DateTimeOffset startedAt, TimeProvider time)
{
    private readonly Uri _requested = requested;
    private readonly List<FetchRedirect> _redirects = [];
    private readonly HashSet<string> _visited = [requested.IsAbsoluteUri ? requested.AbsoluteUri : requested.OriginalString];
    private int? _status;
    private IReadOnlyList<KeyValuePair<string, string>> _headers = [];
    private string? _contentType;
    private IPAddress? _serverAddress;
    private TlsCertificateSummary? _certificate;

    /// <summary>The URL of the current hop.</summary>
    public Uri Current { get; private set; } = requested;

    public int RedirectCount => _redirects.Count;

    /// <summary>Records the response of the current hop (a later hop's response replaces it).</summary>
    public void Answered(HttpResponseMessage response, IPAddress? serverAddress, TlsCertificateSummary? certificate)
    {
        _status = (int)response.StatusCode;
        _headers = [.. response.Headers.Concat(response.Content.Headers)
            .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))];
        _contentType = response.Content.Headers.ContentType?.MediaType;
        _serverAddress = serverAddress;
        _certificate = certificate;
    }

    /// <summary>Records a certificate seen before the hop failed (a rejected one is evidence too).</summary>
    public void Presented(TlsCertificateSummary? certificate) => _certificate = certificate ?? _certificate;

    /// <summary>Moves to <paramref name="target"/>; false when it was already visited in this fetch (a loop).</summary>
    public bool Redirected(int status, Uri target)
    {
        _redirects.Add(new FetchRedirect(Current, status, target));
        Current = target;
        return _visited.Add(target.AbsoluteUri);
    }

    public FetchResult Completed(ReadOnlyMemory<byte> body) => Result(body, null);

    public FetchResult Failed(FetchErrorKind kind, string message) => Failed(new FetchError(kind, message));

    public FetchResult Failed(FetchError error) => Result(ReadOnlyMemory<byte>.Empty, error);

    private FetchResult Result(ReadOnlyMemory<byte> body, FetchError? error) => new(
        _requested, Current, [.. _redirects], _status, _headers, _contentType, _serverAddress, _certificate,
        startedAt, time.GetUtcNow(), body, error);
}
