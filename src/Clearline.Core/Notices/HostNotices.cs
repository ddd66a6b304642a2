using System.Net;
using Clearline.AbuseContacts;
using Clearline.Jobs;
using Clearline.Notifications;
using Clearline.Organisations;
using Clearline.Routing;
using Clearline.Takedown;
using Microsoft.Extensions.Options;

namespace Clearline.Notices;

/// <summary>What to compose: the template language, and whether to gather the hotline's other open routes on the same address.</summary>
public sealed record NoticeDraftRequest(string? Language, bool GatherSameHost);

/// <summary>The notice as the analyst sends it: channel, recipient (e-mail address or webhook URL), language, text, and any gathered routes.</summary>
public sealed record NoticeToSend(NoticeChannel? Channel, string? Recipient, string? Language, string? Subject, string? Body, IReadOnlyList<Guid>? RouteIds);

/// <summary>
/// Composes a notice to the host from a template, and sends it: the notice is recorded as a <c>ReportedToHost</c>
/// action on each route it names (so an investigation hold refuses it and removal re-checks start) in the same unit of
/// work as the notice itself, and a durable job delivers it by e-mail or webhook.
/// </summary>
/// <remarks>
/// A route the caller cannot see answers <see cref="NotFoundError"/>; only the hotline it is assigned to (or the
/// coordinator) composes and sends, anyone else is refused with the name of that hotline, as for every action.
/// </remarks>
public sealed class HostNotices(
    ClearlineDbContext db, UnitOfWork work, NoticeComposer composer, NoticeTemplates templates, TakedownActions actions, JobQueue jobs,
    MailSender mail, AbuseContactQueries abuseContacts, IOptions<NoticeOptions> options, TimeProvider time)
{
    public const string DefaultLanguage = "en";

    public async Task<Result<NoticeDraft>> DraftAsync(RouteViewer caller, Guid routeId, NoticeDraftRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var found = await ActingOnAsync(caller, routeId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var route = found.Value;
        var languages = templates.Languages();
        var language = string.IsNullOrWhiteSpace(request.Language) ? DefaultLanguage : request.Language.Trim().ToLowerInvariant();
        if (!languages.Contains(language))
        {
            return UnknownLanguage(language, languages);
        }

        var urls = await composer.UrlsAsync(route, request.GatherSameHost, ct);
        var reference = await composer.ReferenceAsync(route, ct);
        var text = await composer.ComposeAsync(NoticeKind.Notice, language, caller.OrganisationId, route.CountryCode, reference, urls, null, ct);

        // The recipient the abuse-contact lookup found: the hosting network's abuse desk first, else the registrar's.
        var contacts = await abuseContacts.ForRouteAsync(route.Id, ct);
        var recipient = contacts?.Network?.Email ?? contacts?.Registrar?.Email;
        return text is { } composed
            ? new NoticeDraft(language, languages, composed.Subject, composed.Body, reference, urls, recipient)
            : UnknownLanguage(language, languages);
    }

    public async Task<Result<Notice>> SendAsync(RouteViewer caller, Guid routeId, NoticeToSend request, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var found = await ActingOnAsync(caller, routeId, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var route = found.Value;
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var channel = request.Channel!.Value;
        var language = request.Language!.Trim().ToLowerInvariant();
        var extra = (request.RouteIds ?? []).Where(id => id != route.Id).Distinct().ToList();
        if (extra.Count >= NoticeComposer.MaxGathered)
        {
            return new InvalidError("routeIds", $"One notice names at most {NoticeComposer.MaxGathered} content URLs; send several notices.");
        }

        if (extra.Count > 0)
        {
            var sameHost = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(caller))
                .CountAsync(r => extra.Contains(r.Id) && r.ServerAddress != null && r.ServerAddress == route.ServerAddress, ct);
            if (sameHost != extra.Count)
            {
                return new InvalidError("routeIds", "Only content on the same host (the same IP address) that your hotline acts on goes into one notice.");
            }
        }

        var ids = new List<Guid> { route.Id };
        ids.AddRange(extra);
        var urls = await composer.UrlsOfAsync(ids, ct);
        var notice = new Notice
        {
            OrganisationId = caller.OrganisationId,
            RouteId = route.Id,
            Kind = NoticeKind.Notice,
            Channel = channel,
            Recipient = request.Recipient!.Trim(),
            Language = language,
            Subject = request.Subject!.Trim(),
            Body = request.Body!.ReplaceLineEndings("\n"),
            Reference = await composer.ReferenceAsync(route, ct),
            CreatedAt = time.GetUtcNow(),
            CreatedByKind = actor.Kind,
            CreatedById = actor.Id,
            Routes = [.. urls.Select(u => new NoticeRoute { RouteId = u.RouteId, Url = u.Url })],
        };

        // One unit of work: every route gets its ReportedToHost action (an investigation hold refuses it, re-checks start)
        // and the notice with its delivery job is saved, or nothing is.
        await using var transaction = await work.BeginAsync(ct);
        foreach (var id in ids)
        {
            var recorded = await actions.RecordAsync(caller, id, new NewAction(TakedownActionKind.ReportedToHost, ActionReason.IllegalContent,
                channel == NoticeChannel.Email ? "Notice sent by e-mail from Clearline." : "Notice sent by webhook from Clearline."), actor, ct);
            if (!recorded.IsSuccess)
            {
                return recorded.Error;
            }
        }

        db.Add(notice);
        notice.DeliveryJobId = jobs.Enqueue(NoticeDelivery.Kind, new NoticeDelivery(notice.Id), caller.OrganisationId, maxAttempts: options.Value.MaxDeliveryAttempts).Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return notice;
    }

    private InvalidError? Validate(NoticeToSend request)
    {
        if (request.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            return new InvalidError("channel", "Choose how the notice goes to the host: Email or Webhook.");
        }

        var recipient = request.Recipient?.Trim();
        if (string.IsNullOrEmpty(recipient))
        {
            return new InvalidError("recipient", channel == NoticeChannel.Email
                ? "Give the host's abuse e-mail address." : "Give the URL of the host's abuse webhook.");
        }

        if (recipient.Length > Notice.MaxRecipientLength)
        {
            return new InvalidError("recipient", $"The recipient is longer than {Notice.MaxRecipientLength} characters.");
        }

        if (channel == NoticeChannel.Email)
        {
            if (!IsEmailAddress(recipient))
            {
                return new InvalidError("recipient", $"'{recipient}' is not an e-mail address; give one such as abuse@host.example.");
            }

            if (!mail.IsConfigured)
            {
                return new InvalidError("channel", "No mail server is configured (Mail:Smtp:Host and Mail:Smtp:From); ask the operator, or send by webhook.");
            }
        }
        else if (!Uri.TryCreate(recipient, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return new InvalidError("recipient", $"'{recipient}' is not a web address; the webhook is an https:// (or http://) URL.");
        }
        else if (!options.Value.AllowPrivateWebhookAddresses && IPAddress.TryParse(url.IdnHost, out var ip) && Crawling.SpecialPurposeAddresses.Contains(ip))
        {
            return new InvalidError("recipient", "The webhook's address is not a public one; Clearline does not call into private networks.");
        }

        var languages = templates.Languages();
        var language = request.Language?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(language) || !languages.Contains(language))
        {
            return UnknownLanguage(language, languages);
        }

        if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > Notice.MaxSubjectLength)
        {
            return new InvalidError("subject", $"The subject is required, at most {Notice.MaxSubjectLength} characters.");
        }

        if (request.Subject.Contains('\n', StringComparison.Ordinal) || request.Subject.Contains('\r', StringComparison.Ordinal))
        {
            return new InvalidError("subject", "The subject is one line.");
        }

        if (string.IsNullOrWhiteSpace(request.Body) || request.Body.Length > Notice.MaxBodyLength)
        {
            return new InvalidError("body", $"The text of the notice is required, at most {Notice.MaxBodyLength} characters.");
        }

        return null;
    }

    /// <summary>A single plain address (no display name, no list) with a local part and a domain.</summary>
    public static bool IsEmailAddress(string value) =>
        MimeKit.MailboxAddress.TryParse(value, out var parsed) && parsed.Address == value && value.Count(c => c == '@') == 1
        && value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);

    private static InvalidError UnknownLanguage(string? language, IReadOnlyList<string> languages) =>
        new("language", $"There is no notice template in '{language}'; use one of {string.Join(", ", languages)}, or ask the operator to add one.");

    /// <summary>The route, when the caller sees it and acts on it: its assigned hotline, or the coordinator.</summary>
    private async Task<Result<ContentRoute>> ActingOnAsync(RouteViewer caller, Guid routeId, CancellationToken ct)
    {
        var route = await db.Set<ContentRoute>().AsNoTracking().Where(RouteAccess.VisibleTo(caller)).FirstOrDefaultAsync(r => r.Id == routeId, ct);
        if (route is null)
        {
            return new NotFoundError("No such route, or not one your organisation can see.");
        }

        if (caller.IsCoordinator || route.AssignedOrganisationId == caller.OrganisationId)
        {
            return route;
        }

        if (route.AssignedOrganisationId is not { } assigned)
        {
            return new RoutingRefused("This content is orphaned; a mandated hotline claims it before sending notices on it.");
        }

        var name = await db.Set<Organisation>().AsNoTracking().Where(o => o.Id == assigned).Select(o => o.Name).FirstAsync(ct);
        return new RoutingRefused($"This content is assigned to {name}; only that hotline sends notices to its host.");
    }
}
