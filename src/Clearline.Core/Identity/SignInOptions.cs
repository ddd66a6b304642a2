using System.ComponentModel.DataAnnotations;
using Clearline.Configuration;

namespace Clearline.Identity;

/// <summary>Sign-in policy. The minimum password length and mandatory two-factor are not configurable.</summary>
public sealed class SignInPolicyOptions : ISectionOptions
{
    public static string Section => "SignIn";

    /// <summary>A session idle for this long is signed out.</summary>
    [Range(5, 720, ErrorMessage = "must be between 5 and 720 minutes")]
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Failed attempts (password or code) before the account is locked.</summary>
    [Range(3, 10, ErrorMessage = "must be between 3 and 10")]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "must be between 1 and 1440 minutes")]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A session ends this long after sign-in however active it is (configured as <c>12:00:00</c>).</summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "must be between 00:15:00 and 7.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
