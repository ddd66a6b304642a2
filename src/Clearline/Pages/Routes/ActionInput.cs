using System.ComponentModel.DataAnnotations;
using Clearline.Takedown;

namespace Clearline.Pages.Routes;

/// <summary>A takedown action with its standard reason and an optional note: for one content URL or several on one host.</summary>
public sealed class ActionInput
{
    [Display(Name = "Action")]
    public TakedownActionKind? Kind { get; set; }

    [Display(Name = "Reason")]
    public ActionReason? Reason { get; set; }

    [Display(Name = "Note (optional)")]
    [StringLength(2000)]
    public string? Note { get; set; }
}
