using Clearline.Api;
using Clearline.Classification;
using Clearline.Cli;
using Clearline.HashLists;
using Clearline.Reports;
using Clearline.Results;
using Clearline.Routing;
using Microsoft.AspNetCore.Http;

namespace Clearline.Tests.Api;

/// <summary>The one mapping of Core's errors: each kind has one status, for the API, pages and the command line alike.</summary>
public sealed class ErrorProblemsTests
{
    public static TheoryData<Error, int> Kinds => new()
    {
        { new InvalidError("url", "must be absolute."), StatusCodes.Status400BadRequest },
        { new RefusedError("not yours."), StatusCodes.Status403Forbidden },
        { new NotFoundError("no such thing."), StatusCodes.Status404NotFound },
        { new ConflictError("already there."), StatusCodes.Status409Conflict },
        { new TooLargeError("too many rows."), StatusCodes.Status413PayloadTooLarge },
        { new RoutingRefused("not assigned to your hotline."), StatusCodes.Status403Forbidden },
        { new NotListManager("only the owner changes the list."), StatusCodes.Status403Forbidden },
        { new ClassificationRefused("final elsewhere.", Guid.NewGuid()), StatusCodes.Status403Forbidden },
        { new ClassificationConflict("decided meanwhile.", null), StatusCodes.Status409Conflict },
        { new BatchTooLarge("at most 10,000 rows."), StatusCodes.Status413PayloadTooLarge },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Problem_EachKind_HasItsStatusAndMessage_ForTheApiAndPages(Error error, int status)
    {
        var problem = ErrorProblems.Problem(error);

        Assert.Equal(status, problem.StatusCode);
        Assert.Equal(status, problem.ProblemDetails.Status);
        Assert.Equal(error.Message, problem.ProblemDetails.Detail);
        Assert.False(string.IsNullOrEmpty(problem.ProblemDetails.Title));
        Assert.Equal(status, ErrorProblems.StatusCode(error));
        Assert.Equal(CliErrors.UserError, CliErrors.ExitCode(error));
    }

    [Fact]
    public void Problem_Invalid_NamesTheFieldInErrors()
    {
        var problem = ErrorProblems.Problem(new InvalidError("receivedAt", "is in the future."));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails);
        Assert.Equal(["is in the future."], validation.Errors["receivedAt"]);
        Assert.Equal("invalid", ErrorProblems.KindName(new InvalidError("x", "y")));
    }

    [Fact]
    public void Problem_FeatureErrors_KeepTheirExtensionMembers()
    {
        var final = Guid.NewGuid();

        var refused = ErrorProblems.Problem(new ClassificationRefused("final elsewhere.", final));
        var conflict = ErrorProblems.Problem(new ClassificationConflict("decided meanwhile.", null));

        Assert.Equal(final, refused.ProblemDetails.Extensions["finalClassificationId"]);
        Assert.True(conflict.ProblemDetails.Extensions.ContainsKey("current"));
        Assert.Null(conflict.ProblemDetails.Extensions["current"]);
        Assert.Equal(("refused", "conflict"), (ErrorProblems.KindName(new ClassificationRefused("x", final)), ErrorProblems.KindName(new ClassificationConflict("x", null))));
    }

    [Fact]
    public void FormField_InvalidField_IsTheInputProperty_OtherErrorsGoWhereThePageSays()
    {
        Assert.Equal("Input.Name", ErrorProblems.FormField(new InvalidError("name", "is required."), "Input."));
        Assert.Equal("Input.Name", ErrorProblems.FormField(new ConflictError("exists."), "Input.", otherwise: "Input.Name"));
        Assert.Equal("", ErrorProblems.FormField(new NotFoundError("gone.")));
    }
}
