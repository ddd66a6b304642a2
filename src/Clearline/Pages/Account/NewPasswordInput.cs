using System.ComponentModel.DataAnnotations;

namespace Clearline.Pages.Account;

/// <summary>A new password, typed twice; each page that changes a password adds the one it replaces, in its own words.</summary>
public abstract record NewPasswordInput
{
    [Required, DataType(DataType.Password), Display(Name = "New password")]
    public string NewPassword { get; init; } = "";

    [Required, DataType(DataType.Password), Display(Name = "New password again")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
    public string ConfirmPassword { get; init; } = "";
}
