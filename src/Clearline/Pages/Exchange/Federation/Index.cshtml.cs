using System.ComponentModel.DataAnnotations;
using Clearline.Api;
using Clearline.Exchange.Federation;
using Clearline.HashLists;

namespace Clearline.Pages.Exchange.Federation;

/// <summary>
/// The organisation's subscriptions to other Clearline instances' feeds: state, lag, last error; follow a feed,
/// change its URL or keys, pause, resume, resync, delete.
/// </summary>
/// <remarks>Those who manage hash lists only: a subscription is where one of the organisation's lists gets its entries.</remarks>
[RequirePermission(Permission.ManageHashLists)]
public sealed class IndexModel(Caller caller, FederationSubscriptions subscriptions, HashListDirectory lists, TimeProvider time) : PageModel
{
    public IReadOnlyList<FederationSubscription> Subscriptions { get; private set; } = [];

    /// <summary>The organisation's own lists a feed may be followed into: Clearline scheme, empty, following nothing.</summary>
    public IReadOnlyList<HashList> Followable { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public FollowInput Input { get; set; } = new();

    [BindProperty]
    public ChangeInput Change { get; set; } = new();

    /// <summary>The subscription whose change form was refused, shown open with its errors.</summary>
    public Guid? Changing { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostFollowAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await subscriptions.CreateAsync(new NewSubscription(Input.HashListId!.Value, Input.FeedUrl, Input.PublicKeyPem, Input.ApiKey), caller, ct);
            if (result.IsSuccess)
            {
                StatusMessage = $"Following {new Uri(result.Value.FeedUrl).Host}: the first sync starts now.";
                return RedirectToPage();
            }

            ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Input.", otherwise: "Input.HashListId"), result.Error.Message);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken ct)
    {
        var result = await subscriptions.UpdateAsync(id, new SubscriptionChange(Change.FeedUrl, Change.PublicKeyPem, Change.ApiKey), caller, ct);
        if (result.IsSuccess)
        {
            StatusMessage = "Changed: the next sync starts now, from where it stopped.";
            return RedirectToPage();
        }

        if (result.Error is NotFoundError)
        {
            return NotFound();
        }

        // Only the change form's error is shown: the follow form was not what was sent.
        ModelState.Clear();
        ModelState.AddModelError(ErrorProblems.FormField(result.Error, "Change.", otherwise: "Change.FeedUrl"), result.Error.Message);
        Changing = id;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        Answer(await subscriptions.DeleteAsync(id, caller, ct),
            "Deleted: the feed is no longer followed. Its list keeps what it received and now only suggests, since withdrawals can no longer reach it.");

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

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Subscriptions = await subscriptions.ListAsync(caller, ct);
        var followed = Subscriptions.Select(s => s.HashListId).ToHashSet();
        Followable = [.. (await lists.ListAsync(HashListViewer.For(caller), ct))
            .Where(l => l.List.OwnerOrganisationId == caller.OrganisationId && l.List.Scheme == CategoryScheme.Clearline
                && l.Stats.LiveEntries + l.Stats.TombstonedEntries == 0 && !followed.Contains(l.List.Id))
            .Select(l => l.List)];
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

    /// <summary>A feed to follow: into which list, where, the publisher's key (compare its fingerprint out of band) and the API key it issued.</summary>
    public sealed class FollowInput
    {
        [Required(ErrorMessage = "Choose the list the feed goes into.")]
        public Guid? HashListId { get; set; }

        [Required(ErrorMessage = "Give the publisher's feed address.")]
        [StringLength(FederationSubscriptions.MaxUrlLength)]
        public string? FeedUrl { get; set; }

        [Required(ErrorMessage = "Paste the publisher's public key.")]
        public string? PublicKeyPem { get; set; }

        [Required(ErrorMessage = "Give the API key the publisher issued for this instance.")]
        [StringLength(FederationSubscriptions.MaxApiKeyLength)]
        public string? ApiKey { get; set; }
    }

    /// <summary>What changes; a field left blank stays as it is (Core checks what is given).</summary>
    public sealed class ChangeInput
    {
        public string? FeedUrl { get; set; }

        public string? PublicKeyPem { get; set; }

        public string? ApiKey { get; set; }
    }
}
