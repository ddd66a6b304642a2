using Clearline.ApiKeys;
using Clearline.Evidence;
using Clearline.LawEnforcement;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearline.Api;

/// <summary><c>/api/v1/evidence</c>: signed evidence packages for police units.</summary>
/// <remarks>
/// The requesting unit is the key's organisation, never input. A referral made to another unit, or an item the unit
/// may not see (<see cref="PortalAccess"/>), answers 404; every organisation but a police unit lacks the scope.
/// </remarks>
public static class EvidenceApi
{
    /// <summary>One referral (<c>referralId</c>) or a selection of items (<c>items</c>: SHA-256s), not both.</summary>
    public sealed record EvidencePackageRequest(Guid? ReferralId, IReadOnlyList<string>? Items);

    public static RouteGroupBuilder MapEvidenceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/evidence").WithTags("Evidence");
        group.MapPost("/", Download).RequireScope(ApiScopes.EvidenceRead).WithName("DownloadEvidencePackage")
            .WithSummary("A signed evidence package (ZIP) for one referral or a selection of items: originals, hashes, classification, fetch evidence, pages, hosting trace and chain of custody; streamed and audited.")
            .Produces(StatusCodes.Status200OK, contentType: EvidencePackage.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Download(
        EvidencePackageRequest body, Caller caller, EvidencePackages packages, HttpContext context, CancellationToken ct)
    {
        var result = await packages.PrepareAsync(Officer.For(caller), new EvidenceRequest(body.ReferralId, body.Items),
            context.Connection.RemoteIpAddress?.ToString(), ct);
        if (!result.IsSuccess)
        {
            return ErrorProblems.Problem(result.Error);
        }

        var package = result.Value;
        AllowSynchronousWrites(context);
        context.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(output => package.WriteAsync(output, context.RequestAborted), EvidencePackage.ContentType, package.FileName);
    }

    /// <summary>
    /// ZipArchive writes its entries' compressed data and headers to the output synchronously even through its async API;
    /// the package is still written straight through (no whole-package buffer), so only this response allows it.
    /// </summary>
    internal static void AllowSynchronousWrites(HttpContext context)
    {
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }
    }
}
