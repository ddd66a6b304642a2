using System.Globalization;
using System.Text.Json;
using Clearline.Classification;
using Clearline.Evidence;
using Clearline.HashLists;
using Clearline.Organisations;
using Clearline.Tenancy;
using Microsoft.Extensions.Options;

namespace Clearline.Exchange.Federation;

/// <summary>
/// The feed this instance publishes: the entries of its network's own list (<see cref="HashList.NetworkListId"/>,
/// what its analysts decided) and their withdrawals, page by page after a cursor, each page signed with the
/// instance's key (<see cref="InstanceSigningKey"/>, the one that signs evidence packages). Every page read is audited.
/// </summary>
/// <remarks>
/// <para>A page carries hashes and the decision's verdict, jurisdiction, age group, gender and flags: no URL, no
/// report, no reporter, no content, no analyst. Automatic decisions are never in the network's list, so two
/// instances that follow each other do not echo each other's decisions back.</para>
/// <para>National decisions hold under one country's law: a reader sees those of its own country only, as in a
/// classification export; the coordinator and INTERPOL speak for the network and read them all.</para>
/// <para>Ordering: entry ids and withdrawal ids grow in commit order (<see cref="HashListStore"/>). An entry already
/// withdrawn when its page is made is left out, and a withdrawal is only sent for an entry at or below the page's
/// entry cursor; a withdrawal of an entry not yet sent is dropped, since that entry will never be sent live.</para>
/// </remarks>
public sealed class FederationFeed(ClearlineDbContext db, InstanceSigningKey key, AuditTrail audit, IOptions<FederationOptions> options, TimeProvider time)
{
    /// <summary>The signing key as a subscriber pins it.</summary>
    public FeedPublisher Publisher => new(key.Id, InstanceSigningKey.Algorithm, key.Fingerprint, key.PublicKeyPem);

    /// <summary>The page after <paramref name="cursor"/>, signed; <paramref name="limit"/> at most the configured page size.</summary>
    public async Task<Result<SignedFeedPage>> ReadAsync(Caller reader, string? cursor, int? limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!FeedCursor.TryParse(cursor, out var after))
        {
            return new InvalidError("cursor", "must be the next value of an earlier page (two numbers joined by a dot), or left out to start at the beginning.");
        }

        var pageSize = options.Value.FeedPageSize;
        if (limit is { } asked && (asked < 1 || asked > pageSize))
        {
            return new InvalidError("limit", string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {pageSize}."));
        }

        var page = await BuildAsync(reader, after, limit ?? pageSize, ct);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(page, FeedFormat.Json);
        var signed = new SignedFeedPage(FeedFormat.Name, key.Id, InstanceSigningKey.Algorithm, Convert.ToBase64String(bytes), Convert.ToBase64String(key.Sign(bytes)));
        await audit.AppendAsync(new AuditEvent(AuditAction.FederationFeedRead, reader.Actor, reader.OrganisationId, "federation:feed",
            Detail: string.Create(CultureInfo.InvariantCulture, $"cursor={page.Cursor};next={page.Next};entries={page.Entries.Count};withdrawals={page.Withdrawals.Count}")), ct);
        return signed;
    }

    private async Task<FeedPage> BuildAsync(Caller reader, FeedCursor after, int limit, CancellationToken ct)
    {
        var rows = await db.Set<KnownHash>().AsNoTracking()
            .Where(h => h.HashListId == HashList.NetworkListId && h.Id > after.Entry && h.TombstonedAt == null)
            .OrderBy(h => h.Id)
            .Take(limit)
            .ToListAsync(ct);
        var entryCursor = rows.Count == 0 ? after.Entry : rows[^1].Id;

        var removals = await (from r in db.Set<KnownHashRemoval>().AsNoTracking()
                              join h in db.Set<KnownHash>().AsNoTracking() on r.KnownHashId equals h.Id
                              where r.Id > after.Withdrawal && h.HashListId == HashList.NetworkListId
                              orderby r.Id
                              select new { RemovalId = r.Id, EntryId = h.Id, h.TombstonedAt })
            .Take(limit)
            .ToListAsync(ct);
        var withdrawalCursor = removals.Count == 0 ? after.Withdrawal : removals[^1].RemovalId;

        var entries = await DescribeAsync(rows, reader, ct);
        var withdrawals = removals
            .Where(r => r.EntryId <= entryCursor)
            .Select(r => new FeedWithdrawal(r.EntryId, r.TombstonedAt ?? time.GetUtcNow()))
            .ToList();
        return new FeedPage(
            FeedFormat.Name, key.Fingerprint, after.ToString(), new FeedCursor(entryCursor, withdrawalCursor).ToString(),
            rows.Count == limit || removals.Count == limit, time.GetUtcNow(), entries, withdrawals);
    }

    /// <summary>The entries with their decisions, less the National ones of other countries than the reader's.</summary>
    private async Task<List<FeedEntry>> DescribeAsync(List<KnownHash> rows, Caller reader, CancellationToken ct)
    {
        var ids = rows.Select(r => Guid.TryParse(r.SourceId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var decisions = ids.Count == 0
            ? []
            : await db.Set<MediaClassification>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var everyJurisdiction = reader.Kind is OrganisationKind.Coordinator or OrganisationKind.Interpol;
        var entries = new List<FeedEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (!Guid.TryParse(row.SourceId, out var decisionId) || !decisions.TryGetValue(decisionId, out var decision))
            {
                continue;
            }

            if (decision.Verdict == Verdict.National && !everyJurisdiction && decision.Jurisdiction != reader.CountryCode)
            {
                continue;
            }

            entries.Add(new FeedEntry(
                row.Id, row.Sha256, row.Md5, row.Sha1, row.Pdq, row.PdqQuality, row.Vpdq, decision.Verdict, decision.Jurisdiction,
                decision.AgeGroup, decision.Gender, FlagNames(decision.Flags), decision.ClassifiedAt));
        }

        return entries;
    }

    private static List<string> FlagNames(ContentFlags flags) =>
        [.. Enum.GetValues<ContentFlags>().Where(f => f != ContentFlags.None && flags.HasFlag(f)).Select(f => f.ToString())];
}
