namespace Clearline.Api;

/// <summary>Writes an RFC 9457 problem from middleware, where no endpoint result is available.</summary>
public static class Problems
{
    public static ValueTask WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
