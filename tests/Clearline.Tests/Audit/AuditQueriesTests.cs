using Clearline.Audit;
using Clearline.Classification;
using Clearline.Database;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Results;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Clearline.Tests.Audit;

public sealed class AuditQueriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task Page_FiltersByActorActionObjectAndTime_OnlyTheCallersOrganisation(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(time));
        var world = await World.CreateAsync(database, time);
        var supervisor = world.Supervisor();

        var all = await TargetsAsync(database, supervisor, new AuditFilter());
        var byName = await TargetsAsync(database, supervisor, new AuditFilter(Actor: world.AliceEmail.ToUpperInvariant()));
        var byId = await TargetsAsync(database, supervisor, new AuditFilter(Actor: world.Bob.ToString()));
        var system = await TargetsAsync(database, supervisor, new AuditFilter(Actor: "system"));
        var reveals = await TargetsAsync(database, supervisor, new AuditFilter(Action: AuditAction.ContentViewed));
        var blobs = await TargetsAsync(database, supervisor, new AuditFilter(Target: "blob:"));
        var secondDay = await TargetsAsync(database, supervisor, new AuditFilter(From: Start.AddDays(1), To: Start.AddDays(2)));
        var otherOrganisationsPerson = await TargetsAsync(database, supervisor, new AuditFilter(Actor: world.CarolEmail));

        Assert.Equal(["marker:a-keys", "blob:a", "user:alice"], all.Where(t => t is not null));
        Assert.Equal(["user:alice"], byName);
        Assert.Equal(["blob:a"], byId);
        Assert.Equal(["marker:a-keys"], system);
        Assert.Equal(["blob:a"], reveals);
        Assert.Equal(["blob:a"], blobs);
        Assert.Equal(["blob:a"], secondDay);
        Assert.Empty(otherOrganisationsPerson);
    }

    [Theory]
    [BothDatabases]
    public async Task Page_Coordinator_SeesEveryOrganisationAndTheSystem(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s => s.AddSingleton<TimeProvider>(time));
        var world = await World.CreateAsync(database, time);
        var coordinator = new Caller(world.Coordination, OrganisationKind.Coordinator, null, Guid.NewGuid(), null, Role.Coordinator, new HashSet<string>());

        var reveals = await TargetsAsync(database, coordinator, new AuditFilter(Action: AuditAction.ContentViewed));
        var carol = await TargetsAsync(database, coordinator, new AuditFilter(Actor: world.CarolEmail));
        var system = await TargetsAsync(database, coordinator, new AuditFilter(Actor: "system"));

        Assert.Equal(["blob:b", "blob:a"], reveals);
        Assert.Equal(["blob:b"], carol);
        Assert.Contains("marker:network", system);
    }

    [Fact]
    public async Task Page_KeysetPaging_NewestFirstWithoutOverlap_AndTheViewIsAudited()
    {
        var time = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, configureServices: s => s.AddSingleton<TimeProvider>(time));
        var world = await World.CreateAsync(database, time);
        var filter = new AuditFilter(From: Start, To: Start.AddDays(2));

        var first = await PageAsync(database, world.Supervisor(), filter, null, 1);
        var second = await PageAsync(database, world.Supervisor(), filter, first.NextBefore, 1);
        var viewed = await database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditAction.AuditViewed).ToListAsync(Ct));

        Assert.Equal("blob:a", Assert.Single(first.Entries).Target);
        Assert.Equal("user:alice", Assert.Single(second.Entries).Target);
        Assert.Null(second.NextBefore);
        Assert.Equal(2, viewed.Count);
        Assert.All(viewed, e => Assert.Equal((world.HotlineA, "filters=time"), (e.OrganisationId!.Value, e.Detail)));
        Assert.Equal("Content revealed", AuditActionWords.Describe(AuditAction.ContentViewed));
    }

    [Theory]
    [InlineData("Nonsense", null, null, "action")]
    [InlineData("1000", null, null, "action")]
    [InlineData(null, "yesterday", null, "from")]
    [InlineData(null, "2026-05-03", "2026-05-02", "to")]
    public void Parse_BadFilter_NamesTheField(string? action, string? from, string? to, string field)
    {
        var result = AuditFilter.Parse(null, action, null, from, to);

        Assert.Equal(field, Assert.IsType<InvalidError>(result.Error).Field);
    }

    [Theory]
    [BothDatabases]
    public async Task Exposure_SupervisorSeesTheirTeamsDays_NotAnotherOrganisations(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(provider, configureServices: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.AddOptions<WellbeingOptions>();
        });
        var world = await World.CreateAsync(database, time);
        var day = DateOnly.FromDateTime(Start.UtcDateTime);
        await database.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClearlineDbContext>();
            db.AddRange(
                new AnalystDay { AnalystId = world.Alice, Day = day, Reveals = 3, Minutes = 250 },
                new AnalystDay { AnalystId = world.Alice, Day = day.AddDays(-1), Reveals = 1, Minutes = 20 },
                new AnalystDay { AnalystId = world.Bob, Day = day, Reveals = 7, Minutes = 95 },
                new AnalystDay { AnalystId = world.Carol, Day = day, Reveals = 9, Minutes = 300 },
                new AnalystDay { AnalystId = world.Alice, Day = day.AddDays(-30), Reveals = 5, Minutes = 5 });
            await db.SaveChangesAsync(Ct);
        });

        var days = await database.InScopeAsync(sp => sp.GetRequiredService<TeamExposure>().DaysAsync(world.Supervisor(), day.AddDays(-13), day, null, Ct));
        var tooLong = await database.InScopeAsync(sp => sp.GetRequiredService<TeamExposure>().DaysAsync(world.Supervisor(), day.AddDays(-200), day, null, Ct));

        Assert.Equal(
            [(world.AliceEmail, day, 3, 250, true), (world.BobEmail, day, 7, 95, false), (world.AliceEmail, day.AddDays(-1), 1, 20, false)],
            days.Value!.Select(d => (d.Person, d.Day, d.Reveals, d.Minutes, d.OverLimit)));
        Assert.Equal("to", Assert.IsType<InvalidError>(tooLong.Error).Field);
    }

    private static async Task<AuditPage> PageAsync(TestDatabase database, Caller caller, AuditFilter filter, long? before, int? limit)
    {
        var page = await database.InScopeAsync(sp => sp.GetRequiredService<AuditQueries>().PageAsync(caller, filter, before, limit, "192.0.2.5", Ct));
        Assert.True(page.IsSuccess, page.Error?.Message);
        return page.Value!;
    }

    private static async Task<List<string?>> TargetsAsync(TestDatabase database, Caller caller, AuditFilter filter) =>
        [.. (await PageAsync(database, caller, filter, null, 50)).Entries.Where(e => e.Action != AuditAction.AuditViewed).Select(e => e.Target)];

    /// <summary>Two hotlines and the coordination, a person each (Alice and Bob at A, Carol at B), and a few days of entries.</summary>
    private sealed record World(Guid HotlineA, Guid HotlineB, Guid Coordination, Guid Alice, Guid Bob, Guid Carol)
    {
        public string AliceEmail => $"alice.{Alice:N}@test.invalid";

        public string BobEmail => $"bob.{Bob:N}@test.invalid";

        public string CarolEmail => $"carol.{Carol:N}@test.invalid";

        public Caller Supervisor() => new(HotlineA, OrganisationKind.Hotline, "NL", Guid.NewGuid(), null, Role.Supervisor, new HashSet<string>());

        public static async Task<World> CreateAsync(TestDatabase database, FakeTimeProvider time)
        {
            var a = new Organisation { Name = "Hotline A", Kind = OrganisationKind.Hotline, CountryCode = "NL" };
            var b = new Organisation { Name = "Hotline B", Kind = OrganisationKind.Hotline, CountryCode = "DE" };
            var c = new Organisation { Name = "Coordination", Kind = OrganisationKind.Coordinator };
            var world = new World(a.Id, b.Id, c.Id, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            await database.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<ClearlineDbContext>();
                db.AddRange(a, b, c, Person(world.Alice, world.AliceEmail, a.Id), Person(world.Bob, world.BobEmail, a.Id), Person(world.Carol, world.CarolEmail, b.Id));
                await db.SaveChangesAsync(Ct);
            });
            await AppendAsync(database, new AuditEvent(AuditAction.UserSignedIn, AuditActor.User(world.Alice), a.Id, "user:alice"));
            time.Advance(TimeSpan.FromDays(1));
            await AppendAsync(database, new AuditEvent(AuditAction.ContentViewed, AuditActor.User(world.Bob), a.Id, "blob:a"));
            time.Advance(TimeSpan.FromDays(1));
            await AppendAsync(database, new AuditEvent(AuditAction.KeysRotated, AuditActor.System, a.Id, "marker:a-keys"));
            await AppendAsync(database, new AuditEvent(AuditAction.ContentViewed, AuditActor.User(world.Carol), b.Id, "blob:b"));
            await AppendAsync(database, new AuditEvent(AuditAction.DemoSeeded, AuditActor.System, null, "marker:network"));
            return world;
        }

        private static ClearlineUser Person(Guid id, string email, Guid organisation) => new()
        {
            Id = id,
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            OrganisationId = organisation,
            Role = Role.Analyst,
        };

        private static Task AppendAsync(TestDatabase database, AuditEvent e) =>
            database.InScopeAsync(sp => sp.GetRequiredService<AuditTrail>().AppendAsync(e, Ct));
    }
}
