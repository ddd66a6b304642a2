using System.Text.Json.Serialization;
using Clearline.Api;
using Clearline.ApiKeys;
using Clearline.HashLists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Exchange.Hma;

/// <summary>
/// <c>/api/v1/compat/hma</c>: the read-only part of Meta's HMA REST API (hasher-matcher-actioner's <c>/m</c> matching and
/// <c>/c</c> bank blueprints), spoken exactly, so that a partner's HMA client pointed at this prefix works unchanged
/// with a Clearline API key. Banks are the hash lists the key's organisation sees.
/// </summary>
/// <remarks>
/// Least privilege: a lookup needs only <see cref="ApiScopes.HashesCheck"/>, the scope of the hash check it is; reading
/// banks and exporting one needs <see cref="ApiScopes.HashListsRead"/>, which already lists the same entries. Nothing
/// here writes: HMA's bank curation stays Clearline's own hash-list API, where changes are audited and owned.
/// </remarks>
public static class HmaApi
{
    /// <summary>HMA's <c>MatchWithDistance</c>: the entry's id and the distance as text.</summary>
    public sealed record MatchWithDistance(
        [property: JsonPropertyName("bank_content_id")] long BankContentId,
        [property: JsonPropertyName("distance")] string Distance);

    /// <summary>HMA's <c>RawLookupResponse</c> without distances: the entries' ids.</summary>
    public sealed record RawLookupResponse([property: JsonPropertyName("matches")] IReadOnlyList<long> Matches);

    /// <summary>HMA's <c>RawLookupResponse</c> with <c>include_distance</c>.</summary>
    public sealed record RawLookupWithDistanceResponse([property: JsonPropertyName("matches")] IReadOnlyList<MatchWithDistance> Matches);

    /// <summary>HMA's <c>BankConfig</c>.</summary>
    public sealed record BankConfig(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("matching_enabled_ratio")] double MatchingEnabledRatio);

    public static RouteGroupBuilder MapHmaApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/compat/hma").WithTags("HMA compatibility");
        group.MapGet("/m/raw_lookup", RawLookup).RequireScope(ApiScopes.HashesCheck).RequireRateLimiting(ApiPlumbing.HashCheckLimit)
            .WithName("HmaRawLookup").ProducesValidationProblem()
            .WithSummary("HMA's raw lookup: the ids of the entries a pdq, video_md5 or md5 signal meets in the lists you see, with distances if include_distance.");
        group.MapGet("/m/lookup", Lookup).RequireScope(ApiScopes.HashesCheck).RequireRateLimiting(ApiPlumbing.HashCheckLimit)
            .WithName("HmaLookup").ProducesValidationProblem()
            .WithSummary("HMA's lookup of a signal: the entries it meets, by bank, with distances. Clearline does not fetch a url for you.");
        group.MapGet("/c/banks", Banks).RequireScope(ApiScopes.HashListsRead).WithName("HmaListBanks")
            .WithSummary("HMA's bank list: the hash lists you see, by name.");
        group.MapGet("/c/bank/{bank_name}", Bank).RequireScope(ApiScopes.HashListsRead).WithName("HmaGetBank")
            .WithSummary("HMA's bank by name (a list's name, or its id where names repeat).");
        group.MapGet("/c/bank/{bank_name}/local_file", LocalFile).RequireScope(ApiScopes.HashListsRead).WithName("HmaExportLocalFile")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain").ProducesValidationProblem()
            .WithSummary("A bank's live signals in python-threatexchange's local_file format ('pdq <hash>' per line; bare hashes with signal_type); audited.");
        return group;
    }

    public static async Task<Results<Ok<RawLookupResponse>, Ok<RawLookupWithDistanceResponse>, ProblemHttpResult>> RawLookup(
        Caller caller, HmaMatching matching, CancellationToken ct,
        [FromQuery(Name = "signal_type")] string? signalType = null,
        [FromQuery(Name = "signal")] string? signal = null,
        [FromQuery(Name = "banks")] string? banks = null,
        [FromQuery(Name = "include_distance")] string? includeDistance = null)
    {
        var parsed = HmaSignal.Parse(signalType, signal);
        var withDistance = HmaQuery.Flag("include_distance", includeDistance);
        if ((parsed.IsSuccess ? withDistance.IsSuccess ? null : withDistance.Error : parsed.Error) is { } error)
        {
            return ErrorProblems.Problem(error);
        }

        var matches = await matching.LookupAsync(parsed.Value!, HmaQuery.Banks(banks), HashListViewer.For(caller), caller.Actor, ct);
        return withDistance.Value
            ? TypedResults.Ok(new RawLookupWithDistanceResponse([.. matches.Select(m => new MatchWithDistance(m.BankContentId, m.Distance))]))
            : TypedResults.Ok(new RawLookupResponse([.. matches.Select(m => m.BankContentId)]));
    }

    /// <summary>HMA's <c>GET /m/lookup</c> given <c>signal_type</c> and <c>signal</c>: an object of bank name → matches.</summary>
    /// <remarks>
    /// HMA can also fetch and hash a <c>url</c>. Clearline refuses that here: fetching addresses a partner names is the
    /// crawler's job, behind its SSRF guard, and content is never sent to the hash check.
    /// </remarks>
    public static async Task<Results<Ok<Dictionary<string, List<MatchWithDistance>>>, ProblemHttpResult>> Lookup(
        Caller caller, HmaMatching matching, CancellationToken ct,
        [FromQuery(Name = "signal_type")] string? signalType = null,
        [FromQuery(Name = "signal")] string? signal = null,
        [FromQuery(Name = "banks")] string? banks = null,
        [FromQuery(Name = "url")] string? url = null)
    {
        if (!string.IsNullOrEmpty(url))
        {
            return ErrorProblems.Problem(new InvalidError("url", "Clearline does not fetch content to hash it; hash it yourself and send signal_type and signal."));
        }

        var parsed = HmaSignal.Parse(signalType, signal);
        if (!parsed.IsSuccess)
        {
            return ErrorProblems.Problem(parsed.Error);
        }

        var matches = await matching.LookupAsync(parsed.Value, HmaQuery.Banks(banks), HashListViewer.For(caller), caller.Actor, ct);
        var byBank = new Dictionary<string, List<MatchWithDistance>>(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            (byBank.TryGetValue(match.Bank.Name, out var list) ? list : byBank[match.Bank.Name] = []).Add(new MatchWithDistance(match.BankContentId, match.Distance));
        }

        return TypedResults.Ok(byBank);
    }

    public static async Task<Ok<List<BankConfig>>> Banks(Caller caller, HmaBanks banks, CancellationToken ct) =>
        TypedResults.Ok((await banks.ListAsync(HashListViewer.For(caller), ct)).Select(ToConfig).ToList());

    public static async Task<Results<Ok<BankConfig>, ProblemHttpResult>> Bank(
        [FromRoute(Name = "bank_name")] string bankName, Caller caller, HmaBanks banks, CancellationToken ct)
    {
        var bank = await banks.FindAsync(bankName, HashListViewer.For(caller), ct);
        return bank.IsSuccess ? TypedResults.Ok(ToConfig(bank.Value)) : ErrorProblems.Problem(bank.Error);
    }

    /// <remarks>The bank is found before the answer starts, so an unknown or unseen bank is a 404 problem, not an empty file.</remarks>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> LocalFile(
        [FromRoute(Name = "bank_name")] string bankName, HttpContext context, Caller caller, HmaBanks banks, HmaLocalFileExport export, CancellationToken ct,
        [FromQuery(Name = "signal_type")] string? signalType = null)
    {
        HmaSignalType? only = null;
        if (signalType is not null)
        {
            var type = HmaSignal.ParseType(signalType);
            if (!type.IsSuccess)
            {
                return ErrorProblems.Problem(type.Error);
            }

            only = type.Value;
        }

        var viewer = HashListViewer.For(caller);
        var bank = await banks.FindAsync(bankName, viewer, ct);
        if (!bank.IsSuccess)
        {
            return ErrorProblems.Problem(bank.Error);
        }

        var actor = caller.Actor;
        return TypedResults.Stream(
            output => export.WriteAsync(output, bank.Value, only, viewer, actor, context.RequestAborted),
            "text/plain; charset=utf-8",
            $"{bank.Value.HashListId}.{(only is { } t ? HmaSignal.NameOf(t) : "signals")}.txt");
    }

    private static BankConfig ToConfig(HmaBank bank) => new(bank.Name, bank.MatchingEnabledRatio);
}
