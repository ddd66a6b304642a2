using Clearline.Identity;
using Clearline.Organisations;

namespace Clearline.Demo;

/// <summary>A demo account and its one-time password.</summary>
public sealed record DemoAccount(string Organisation, string Email, Role Role, string OneTimePassword);

/// <summary>
/// Seeds fictional organisations with one user per role, for trying Clearline out. Only ever run when an
/// operator asks for it with <c>clearline serve --demo</c>.
/// </summary>
/// <remarks>
/// Demo accounts get random one-time passwords like every other account: there are no default credentials,
/// not even in demo mode. The organisations are fictional and use the reserved <c>.invalid</c> domain.
/// </remarks>
public sealed class DemoSeeder(ClearlineDbContext db, OrganisationDirectory organisations, UserAdministration users, AuditTrail audit)
{
    private static readonly (NewOrganisation Organisation, (string Email, Role Role)[] Users)[] Plan =
    [
        (new("Demo Hotline Netherlands", OrganisationKind.Hotline, "NL", "NL-criminal-code-240b"),
            [("analyst.nl@demo.clearline.invalid", Role.Analyst), ("supervisor.nl@demo.clearline.invalid", Role.Supervisor), ("admin.nl@demo.clearline.invalid", Role.OrgAdmin)]),
        (new("Demo Hotline Germany", OrganisationKind.Hotline, "DE", "DE-StGB-184b"), [("analyst.de@demo.clearline.invalid", Role.Analyst)]),
        (new("Demo Hotline Brazil", OrganisationKind.Hotline, "BR", "BR-ECA-241"), [("analyst.br@demo.clearline.invalid", Role.Analyst)]),
        (new("Demo Network Coordinator", OrganisationKind.Coordinator, null),
            [("coordinator@demo.clearline.invalid", Role.Coordinator), ("sysadmin@demo.clearline.invalid", Role.SystemAdmin)]),
        (new("Demo National Police Netherlands", OrganisationKind.LawEnforcement, "NL"), [("officer.nl@demo.clearline.invalid", Role.LeaOfficer)]),
        (new("Demo Federal Police Germany", OrganisationKind.LawEnforcement, "DE"), [("officer.de@demo.clearline.invalid", Role.LeaOfficer)]),
        (new("Demo INTERPOL", OrganisationKind.Interpol, null), [("officer@interpol.demo.clearline.invalid", Role.InterpolOfficer)]),
    ];

    /// <summary>Seeds the demo once; returns the accounts created, or none when the demo exists already.</summary>
    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(CancellationToken ct)
    {
        if (await organisations.FindByNameAsync(Plan[0].Organisation.Name, ct) is not null)
        {
            return [];
        }

        var accounts = new List<DemoAccount>();
        foreach (var (request, members) in Plan)
        {
            var organisation = Unwrap(await organisations.CreateAsync(request, AuditActor.System, ct));
            foreach (var (email, role) in members)
            {
                var created = Unwrap(await users.CreateAsync(new NewUser(organisation.Id, email, role), AuditActor.System, ct));
                accounts.Add(new DemoAccount(organisation.Name, email, role, created.OneTimePassword));
            }
        }

        await audit.AppendAsync(new AuditEvent(AuditAction.DemoSeeded, AuditActor.System, Detail: $"accounts={accounts.Count}"), ct);
        return accounts;
    }

    /// <summary>Whether every organisation in the database is one the demo seeds (true for an empty database).</summary>
    /// <remarks>Guards <c>serve --demo --reset</c>: a database with any other organisation holds real work and is never wiped.</remarks>
    public async Task<bool> HoldsOnlyDemoDataAsync(CancellationToken ct)
    {
        var names = await db.Set<Organisation>().AsNoTracking().Select(o => o.Name).ToListAsync(ct);
        return names.All(n => Plan.Any(p => p.Organisation.Name == n));
    }

    private static T Unwrap<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Demo seeding failed: {result.Error.Message}");
}
