using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Clearline.Identity;

/// <summary>Refuses passwords that are common, common with digits appended, or one repeated character.</summary>
/// <remarks>
/// Length alone (12+) does not stop "password1234" or "qwertyuiop12"; attackers try those first, so they
/// are refused for every account, including administrators'. The list is zxcvbn's 47,000 most common passwords
/// (MIT, see <c>CommonPasswords/README.md</c>) plus Clearline's own base words; a password is compared with case
/// and white space removed, so "Pass Word 2024" is "password2024", which is "password" with digits appended.
/// </remarks>
public sealed class CommonPasswordValidator : IPasswordValidator<ClearlineUser>
{
    private const string OwnList = "Clearline.Core.Identity.common-passwords.txt";
    private const string ZxcvbnList = "Clearline.Core.Identity.zxcvbn-passwords.txt.gz";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    /// <summary>How many distinct passwords the list holds.</summary>
    public static int Count => Common.Value.Count;

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
        var normal = Normalise(password);
        if (Common.Value.Contains(normal) || Common.Value.Contains(normal.TrimEnd("0123456789!@#$%^&*()-_=+.?~".ToCharArray())))
        {
            return true;
        }

        if (normal.Length > 0 && normal.All(c => c == normal[0]))
        {
            return true;
        }

        var localPart = email?.Split('@')[0].ToLowerInvariant();
        return localPart is { Length: >= 4 } && normal.Contains(localPart, StringComparison.Ordinal);
    }

    /// <summary>Lower case without white space: how passwords and the list are compared.</summary>
    public static string Normalise(string text)
    {
        var normal = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                normal.Append(char.ToLowerInvariant(c));
            }
        }

        return normal.ToString();
    }

    private static FrozenSet<string> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var words = new HashSet<string>(StringComparer.Ordinal);
        using (var own = Open(assembly, OwnList))
        {
            Read(own, words);
        }

        using (var zxcvbn = Open(assembly, ZxcvbnList))
        using (var unzipped = new GZipStream(zxcvbn, CompressionMode.Decompress))
        {
            Read(unzipped, words);
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"The common-password list {name} is missing from the assembly.");

    private static void Read(Stream stream, HashSet<string> words)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#') && Normalise(line) is { Length: > 0 } word)
            {
                words.Add(word);
            }
        }
    }
}
