namespace Clearline.Pages.Assessment;

/// <summary>The reminder shown once an analyst's time in the workspace passes the daily soft limit (nothing is blocked).</summary>
public static class WellbeingReminder
{
    public const string Text = "You have reached today's recommended time in the workspace. Please take a break, and consider stopping review for today.";
}
