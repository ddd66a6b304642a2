using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

/// <summary>Refuses passwords that are common, common with digits appended, or one repeated character.</summary>
/// <remarks>
/// Length alone (12+) does not stop "password1234" or "qwertyuiop12"; attackers try those first, so they
/// are refused for every account, including administrators'.
/// </remarks>
public sealed class CommonPasswordValidator : IPasswordValidator<ClearlineUser>
{
    private static readonly FrozenSet<string> Common = Load();

    public Task<IdentityResult> ValidateAsync(UserManager<ClearlineUser> manager, ClearlineUser user, string? password) =>
        Task.FromResult(IsCommon(password ?? string.Empty, user.Email)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common or too easy to guess. Choose a longer phrase of unrelated words.",
            })
            : IdentityResult.Success);

    public static bool IsCommon(string password, string? email = null)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Contains(lower) || Common.Contains(lower.TrimEnd("0123456789!@#$%^&*()-_=+.?~ ".ToCharArray())))
        {
            return true;
        }

        if (lower.Length > 0 && lower.All(c => c == lower[0]))
        {
            return true;
        }

        var localPart = email?.Split('@')[0].ToLowerInvariant();
        return localPart is { Length: >= 4 } && lower.Contains(localPart, StringComparison.Ordinal);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Clearline.Core.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
