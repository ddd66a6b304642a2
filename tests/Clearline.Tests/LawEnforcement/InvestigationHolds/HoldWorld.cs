using System.Globalization;
using System.Text.Json;
using Clearline.Audit;
using Clearline.InvestigationHolds;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.LawEnforcement.InvestigationHolds;

/// <summary>Intent steps of the investigation-hold tests on a <see cref="PortalWorld"/>.</summary>
internal static class HoldSteps
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> PlaceAsync(this PortalMember police, string sha256, DateOnly until, string? reason = "Case 42: suspect under surveillance", bool shared = true) =>
        police.PostAsync("/api/v1/investigation-holds", new { mediaSha256 = sha256, until = Iso(until), reason, reasonShared = shared });

    public static async Task<JsonElement> PlacedAsync(this PortalMember police, string sha256, DateOnly until, string? reason = "Case 42: suspect under surveillance", bool shared = true) =>
        JsonDocument.Parse(await ProblemAssert.IsSuccessAsync(await police.PlaceAsync(sha256, until, reason, shared))).RootElement;

    public static Task<HttpResponseMessage> NotifyHostAsync(this PortalMember hotline, PortalItem item) =>
        hotline.PostAsync($"/api/v1/routes/{item.RouteId}/actions", new { kind = "ReportedToHost", reason = "IllegalContent" });

    public static Task<int> AuditCountAsync(this PortalWorld world, AuditAction action) =>
        world.WithDatabaseAsync(db => db.Set<AuditEntry>().CountAsync(e => e.Action == action, PortalWorld.Ct));

    public static Task<int> HoldCountAsync(this PortalWorld world) =>
        world.WithDatabaseAsync(db => db.Set<InvestigationHold>().IgnoreQueryFilters().CountAsync(PortalWorld.Ct));
}
