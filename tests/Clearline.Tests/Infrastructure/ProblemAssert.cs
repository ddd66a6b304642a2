using System.Net;
using System.Text.Json;

namespace Clearline.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts the status and that the body is an RFC 9457 problem; shows the body when it is not.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected application/problem+json, got '{response.Content.Headers.ContentType}': {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static async Task<string> IsSuccessAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
        return body;
    }
}
