using Clearline.Database;
using Clearline.Organisations;
using Clearline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.Database;

/// <summary>Only the outermost hold commits; a joined step that gives up undoes its own writes and no more.</summary>
public sealed class UnitOfWorkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [BothDatabases]
    public async Task JoinedStep_GivingUp_UndoesItsOwnWritesOnly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (kept, undone) = (Name(), Name());
        await database.InScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<UnitOfWork>();
            await using var outer = await work.BeginAsync(Ct);
            Assert.True(outer.IsOutermost);
            await AddAsync(sp, kept);
            await using (var step = await work.BeginAsync(Ct))
            {
                Assert.False(step.IsOutermost);
                await AddAsync(sp, undone);
            }

            await outer.CommitAsync(Ct);
        });

        Assert.Equal([kept], await NamesAsync(database, kept, undone));
    }

    [Theory]
    [BothDatabases]
    public async Task JoinedStep_Committing_CommitsNothingUntilTheOutermostDoes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var name = Name();
        await database.InScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<UnitOfWork>();
            await using var outer = await work.BeginAsync(Ct);
            await using var step = await work.BeginAsync(Ct);
            await AddAsync(sp, name);
            await step.CommitAsync(Ct);
            Assert.True(work.IsActive);
        });

        Assert.Empty(await NamesAsync(database, name));
    }

    private static string Name() => $"Hotline {Guid.NewGuid():N}";

    private static async Task AddAsync(IServiceProvider services, string name)
    {
        var db = services.GetRequiredService<ClearlineDbContext>();
        db.Add(new Organisation { Name = name, Kind = OrganisationKind.Hotline, CountryCode = "NL", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
    }

    private static Task<List<string>> NamesAsync(TestDatabase database, params string[] names) =>
        database.InScopeAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<Organisation>()
            .Where(o => names.Contains(o.Name)).Select(o => o.Name).ToListAsync(Ct));
}
