using Clearline.Exchange.Federation;

namespace Clearline.Pages.Exchange.Federation;

/// <summary>The organisation's subscriptions to other Clearline instances' feeds: state, lag, last error; pause, resume, resync.</summary>
/// <remarks>Those who manage hash lists only: a subscription is where one of the organisation's lists gets its entries.</remarks>
[RequirePermission(Permission.ManageHashLists)]
public sealed class IndexModel(Caller caller, FederationSubscriptions subscriptions, TimeProvider time) : PageModel
{
    public IReadOnlyList<FederationSubscription> Subscriptions { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Subscriptions = await subscriptions.ListAsync(caller, ct);
    }

    public async Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken ct) =>
        Answer(await subscriptions.PauseAsync(id, caller, ct), "Paused: nothing is fetched until it is resumed; what was received keeps matching.");

    public async Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken ct) =>
        Answer(await subscriptions.ResumeAsync(id, caller, ct), "Resumed: the next sync starts now, from where it stopped.");

    public async Task<IActionResult> OnPostResyncAsync(Guid id, CancellationToken ct) =>
        Answer(await subscriptions.ResyncAsync(id, caller, ct), "Resync started: the feed is read again from its start; nothing held is added twice.");

    /// <summary>The lag in words: how long since the list last held the whole feed.</summary>
    public static string Lag(FederationSubscription subscription, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.LagAt(now) switch
        {
            null => "not caught up yet",
            { TotalMinutes: < 1 } => "under a minute",
            { TotalHours: < 1 } lag => $"{(int)lag.TotalMinutes} min",
            { TotalDays: < 2 } lag => $"{(int)lag.TotalHours} h",
            { } lag => $"{(int)lag.TotalDays} days",
        };
    }

    private IActionResult Answer(Result<FederationSubscription> result, string done)
    {
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        StatusMessage = done;
        return RedirectToPage();
    }
}
