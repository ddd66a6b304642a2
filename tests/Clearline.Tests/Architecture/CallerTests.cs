using System.Text.RegularExpressions;

namespace Clearline.Tests.Architecture;

/// <summary>"Who is calling" is worked out once per request (<c>RequestCaller</c>); pages and handlers take the <c>Caller</c>.</summary>
public sealed partial class CallerTests
{
    /// <summary>
    /// Web files that may read Clearline's claims off the principal, each because it runs before (or builds) the
    /// request's caller.
    /// </summary>
    private static readonly HashSet<string> _allowed = new(StringComparer.Ordinal)
    {
        "Security/ClearlineClaims.cs", // defines the claims and how to read them
        "Security/RequestCaller.cs", // builds the Caller from them, once per request
        "Security/WebSecurity.cs", // sets the tenant and the caller right after authorisation
        "Security/Policies.cs", // authorisation itself runs before there is a caller
        "Api/ApiPlumbing.cs", // the rate limiter partitions by key before the endpoint runs
        "Account/ServerSessions.cs", // checks the session record while the cookie is authenticated, before there is a caller
    };

    [Fact]
    public void Web_ReadsTheCallerNotTheClaims()
    {
        var offenders = SourceTree.Files("Clearline")
            .Where(f => !_allowed.Contains(f))
            .Where(f => ClaimRead().IsMatch(SourceTree.Read("Clearline", f)))
            .ToList();

        Assert.True(offenders.Count == 0, "Take Caller (or RequestCaller where no one may be signed in) instead of reading claims:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\.(OrganisationId|UserId|ApiKeyId|UserRole)\(\)")]
    private static partial Regex ClaimRead();
}
