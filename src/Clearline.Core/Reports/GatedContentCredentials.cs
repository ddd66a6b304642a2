using System.Text;

namespace Clearline.Reports;

/// <summary>
/// How to get past a login or paywall to the reported content: a username and password, a free-text note (an
/// invitation code, "register with any address"), or both. Kept encrypted; see <see cref="ReportCredentialVault"/>.
/// </summary>
/// <remarks>
/// The generated record <c>ToString</c> is replaced so that the password never reaches a log or an exception
/// message by accident.
/// </remarks>
public sealed record GatedContentCredentials(string? Username, string? Password, string? Note)
{
    /// <summary>True when nothing was given, so nothing is stored.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Username) && string.IsNullOrWhiteSpace(Password) && string.IsNullOrWhiteSpace(Note);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Username = ").Append(Username is null ? "null" : "(set)").Append(", Password = ")
            .Append(Password is null ? "null" : "(set)").Append(", Note = ").Append(Note is null ? "null" : "(set)");
        return true;
    }
}
