using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Clearline.Reports;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Clearline.Api;

/// <summary>
/// The one place where a request body that does not bind becomes a 400 problem naming its field: JSON that does
/// not parse, a value of the wrong type, a name that is not one of an enum's (numbers are not names). Minimal APIs
/// throw these (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on) instead of answering a bare 400, and the
/// JSON error's path is the field, as the request spells it (<c>hashes[3].type</c>, <c>credentials.username</c>).
/// Other binding failures (a query value, a content type) keep their status and say what failed.
/// </summary>
public sealed partial class RequestBindingProblems(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    /// <summary>The field for a body that is wrong as a whole: not an object, say.</summary>
    public const string BodyField = "body";

    /// <summary>What a string that is not well-formed text must be.</summary>
    public const string InvalidText = "must be valid text: UTF-8, without unpaired surrogates.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // Anything else that does not bind (a query value, a content type) keeps its status and says what it was.
        Microsoft.AspNetCore.Mvc.ProblemDetails problem = new() { Status = bad.StatusCode, Detail = bad.Message };
        if (bad.InnerException is JsonException failure)
        {
            // The middleware has cleared the endpoint by now (for a re-execution); the feature keeps the one that failed.
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
            var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var (field, expected) = Describe(requestType, failure.Path);
            // The reader refuses text that is not UTF-8 or holds an unpaired surrogate (it could not be stored or shown).
            expected = failure.InnerException is InvalidOperationException { Message: var reason } && reason.Contains("UTF-", StringComparison.Ordinal) ? InvalidText : expected;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [expected] })
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = $"{field} {expected}",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>
    /// The field at <paramref name="path"/> and what it must be. A value inside a list of plain values names the list
    /// (<c>paymentMethods</c>, not <c>paymentMethods[1]</c>), as clients fix the list; a body wrong as a whole names the
    /// request's only member if it has one (<c>hashes</c>), else <see cref="BodyField"/>.
    /// </summary>
    private (string Field, string Expected) Describe(Type? requestType, string? path)
    {
        var at = path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        if (at.Length == 0)
        {
            IList<JsonPropertyInfo> members = requestType is null ? [] : Options.GetTypeInfo(requestType).Properties;
            return members.Count == 1 ? (members[0].Name, Expected(members[0].PropertyType)) : (BodyField, "must be a JSON object.");
        }

        return (TrailingIndex().Replace(at, ""), Expected(requestType is null ? null : TypeAt(requestType, at)));
    }

    private JsonSerializerOptions Options => json.Value.SerializerOptions;

    /// <summary>The .NET type the request declares at <paramref name="path"/>, following members, list items and map values.</summary>
    private Type? TypeAt(Type type, string path)
    {
        Type? current = type;
        foreach (Match segment in Segment().Matches(path))
        {
            var info = Options.GetTypeInfo(current);
            current = (info.Kind, segment.Value.StartsWith('[')) switch
            {
                (JsonTypeInfoKind.Object, false) => info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Value, StringComparison.OrdinalIgnoreCase))?.PropertyType,
                (JsonTypeInfoKind.Dictionary, false) or (JsonTypeInfoKind.Enumerable, true) => info.ElementType,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static string Expected(Type? type) => (type is null ? null : Nullable.GetUnderlyingType(type) ?? type) switch
    {
        null => "is not valid JSON here.",
        { IsEnum: true } e => $"must be one of: {string.Join(", ", Enum.GetNames(e).Where(n => n != "None"))}.",
        var t when t == typeof(string) => "must be a string.",
        var t when t == typeof(bool) => "must be true or false.",
        var t when t == typeof(int) || t == typeof(long) => "must be a whole number.",
        var t when t == typeof(Guid) => "must be an id (a GUID).",
        var t when t == typeof(DateTimeOffset) => ReportValues.DateMessage,
        var t when t.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "must be an array.",
        _ => "must be an object.",
    };

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex TrailingIndex();

    /// <summary>Members (<c>name</c>) and indexes (<c>[3]</c>) of a field path.</summary>
    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex Segment();
}
