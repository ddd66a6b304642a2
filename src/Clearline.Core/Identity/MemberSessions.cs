using System.Security.Cryptography;
using Clearline.Events;
using Clearline.Organisations;

namespace Clearline.Identity;

/// <summary>Ends every session of every person of an organisation the coordinator deactivated, in one statement.</summary>
/// <remarks>
/// Every member gets the same new random stamp: a stamp only has to differ from the one each session carries. Runs
/// in the deactivation's unit of work, so the stamps change together with the deactivation or not at all.
/// </remarks>
public sealed class MemberSessions(ClearlineDbContext db) : IEventObserver<OrganisationDeactivated>
{
    public Task OnAsync(OrganisationDeactivated happened, CancellationToken ct)
    {
        var stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        var concurrency = Guid.NewGuid().ToString();
        return db.Set<ClearlineUser>().Where(u => u.OrganisationId == happened.OrganisationId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, concurrency), ct);
    }
}
