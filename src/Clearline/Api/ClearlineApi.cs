using Clearline.Exchange.Federation;
using Clearline.Exchange.Hma;
using Clearline.Exchange.Ncmec;
using Clearline.Jobs;

namespace Clearline.Api;

public static class ClearlineApi
{
    /// <summary>Every <c>/api/v1</c> endpoint: API keys only, rate limited per key.</summary>
    public static void MapClearlineApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireRateLimiting(ApiPlumbing.PerKeyLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapOrganisationsApi();
        api.MapPeopleApi();
        api.MapApiKeysApi();
        api.MapJobsApi();
        api.MapReportsApi();
        api.MapReportBatchApi();
        api.MapPublicReportsApi();
        api.MapTriageApi();
        api.MapUrlsApi();
        api.MapHashCheckApi();
        api.MapHashListImportsApi();
        api.MapHashListsApi();
        api.MapNcmecApi();
        api.MapMatchesApi();
        api.MapExportsApi();
        api.MapRoutingApi();
        api.MapCdnOriginApi();
        api.MapTakedownApi();
        api.MapAbuseContactsApi();
        api.MapReferralsApi();
        api.MapClassificationApi();
        api.MapStatisticsApi();
        api.MapHoldsApi();
        api.MapInvestigationHoldsApi();
        api.MapAuditApi();
        api.MapEvidenceApi();
        api.MapPoliceContentApi();
        api.MapDeconflictionApi();
        api.MapEscalationsApi();
        api.MapIcseApi();
        api.MapNoticesApi();
        api.MapHmaApi();
        api.MapFederationApi();
    }
}
