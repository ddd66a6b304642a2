using System.Diagnostics;
using Clearline.Classification;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary>
/// The one mapping of Core's errors: to RFC 9457 problems for the API, to a status code for pages. Each error kind
/// has one status; a feature error adds its extra data as extension members.
/// </summary>
public static class ErrorProblems
{
    /// <summary>The status every answer to <paramref name="error"/> carries, API and pages alike.</summary>
    public static int StatusCode(Error error) => Kind(error).Status;

    /// <summary>The kind's name where an answer lists one outcome per item (a batch of classifications).</summary>
    public static string KindName(Error error) => Kind(error).Name;

    /// <summary>
    /// The form field a page shows <paramref name="error"/> beside: an invalid field as its input property
    /// (<c>name</c> with prefix <c>Input.</c> is <c>Input.Name</c>), any other error beside <paramref name="otherwise"/>.
    /// </summary>
    public static string FormField(Error error, string prefix = "", string otherwise = "") =>
        error is InvalidError { Field.Length: > 0 } invalid
            ? prefix + char.ToUpperInvariant(invalid.Field[0]) + invalid.Field[1..]
            : otherwise;

    /// <summary>The problem for <paramref name="error"/>: its kind's status and title, its message, its extras.</summary>
    public static ProblemHttpResult Problem(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = Kind(error);
        var problem = error is InvalidError invalid
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] })
            : new ProblemDetails { Title = kind.Title };
        problem.Status = kind.Status;
        problem.Detail = error.Message;
        foreach (var (name, value) in Extensions(error))
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>What a feature error adds to its problem, under the names clients read today.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> Extensions(Error error) => error switch
    {
        ClassificationRefused refused => [new("finalClassificationId", refused.FinalClassificationId)],
        ClassificationConflict conflict => [new("current", conflict.Current is null ? null : ClassificationApi.ClassificationResponse.From(conflict.Current))],
        _ => [],
    };

    /// <summary>Each kind's status, name and problem title, in one place.</summary>
    private static (int Status, string Name, string Title) Kind(Error error) => error switch
    {
        InvalidError => (StatusCodes.Status400BadRequest, "invalid", "Bad request"),
        RefusedError => (StatusCodes.Status403Forbidden, "refused", "Forbidden"),
        NotFoundError => (StatusCodes.Status404NotFound, "notFound", "Not found"),
        ConflictError => (StatusCodes.Status409Conflict, "conflict", "Conflict"),
        TooLargeError => (StatusCodes.Status413PayloadTooLarge, "tooLarge", "Payload too large"),
        // Error's constructor is private protected: the kinds above are every error there is.
        _ => throw new UnreachableException($"{error?.GetType().Name} is none of the error kinds."),
    };
}
