namespace Clearline.Tests.LawEnforcement.Referrals;

/// <summary>Every referral endpoint, as calls a member makes with valid input (so that only the access rule can refuse).</summary>
internal static class ReferralCalls
{
    public static IReadOnlyList<Func<PortalMember, Task<HttpResponseMessage>>> Police(Guid id) =>
    [
        m => m.GetAsync("/api/v1/referrals"),
        m => m.GetAsync($"/api/v1/referrals/{id}"),
        m => m.PostAsync($"/api/v1/referrals/{id}/accept"),
        m => m.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "NoFurtherAction", note = "Not ours" }),
        m => m.GetAsync($"/api/v1/referrals/{id}/messages"),
        m => m.PostAsync($"/api/v1/referrals/{id}/messages", new { body = "From elsewhere" }),
    ];

    /// <summary>The id-bearing police endpoints (the list is checked by its content).</summary>
    public static IReadOnlyList<(string Name, Func<PortalMember, Task<HttpResponseMessage>> Call)> PoliceById(Guid id) =>
    [
        ("GET referral", m => m.GetAsync($"/api/v1/referrals/{id}")),
        ("POST accept", m => m.PostAsync($"/api/v1/referrals/{id}/accept")),
        ("POST feedback", m => m.PostAsync($"/api/v1/referrals/{id}/feedback", new { outcome = "NoFurtherAction", note = "Not ours" })),
        ("GET messages", m => m.GetAsync($"/api/v1/referrals/{id}/messages")),
        ("POST message", m => m.PostAsync($"/api/v1/referrals/{id}/messages", new { body = "From elsewhere" })),
    ];

    public static IReadOnlyList<(string Name, Func<PortalMember, Task<HttpResponseMessage>> Call)> Hotline(Guid routeId) =>
    [
        ("GET route referral", m => m.GetAsync($"/api/v1/routes/{routeId}/referral")),
        ("POST route referral message", m => m.PostAsync($"/api/v1/routes/{routeId}/referral/messages", new { body = "From elsewhere" })),
    ];
}
