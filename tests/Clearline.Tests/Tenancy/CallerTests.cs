using Clearline.Audit;
using Clearline.Classification;
using Clearline.HashLists;
using Clearline.Identity;
using Clearline.Organisations;
using Clearline.Tenancy;

namespace Clearline.Tests.Tenancy;

public sealed class CallerTests
{
    private static readonly Guid _organisation = Guid.NewGuid();

    private static readonly Guid _id = Guid.NewGuid();

    [Fact]
    public void APerson_ActsAsAUser_WithTheirRolesPermissions()
    {
        var caller = new Caller(_organisation, OrganisationKind.Hotline, "DE", _id, null, Role.Analyst, new HashSet<string>());

        Assert.Equal(AuditActor.User(_id), caller.Actor);
        Assert.False(caller.IsApiKey);
        Assert.Equal(RolePermissions.Has(Role.Analyst, Permission.Classify), caller.Has(Permission.Classify));
        Assert.Equal(RolePermissions.Has(Role.Analyst, Permission.ManageSystem), caller.Has(Permission.ManageSystem));
    }

    [Fact]
    public void AKey_ActsAsTheKey_AndHasNoRole()
    {
        var caller = new Caller(_organisation, OrganisationKind.Coordinator, null, null, _id, null, new HashSet<string> { "routes:read" });

        Assert.Equal(AuditActor.ApiKey(_id), caller.Actor);
        Assert.True(caller.IsApiKey);
        Assert.True(caller.IsCoordinator);
        Assert.False(caller.Has(Permission.Act));
    }

    [Fact]
    public void FeatureRecords_AreDerivedFromTheCaller()
    {
        var caller = new Caller(_organisation, OrganisationKind.Hotline, "NL", null, _id, null, new HashSet<string>());

        var assessor = Assessor.For(caller);
        var lists = HashListCaller.For(caller);

        Assert.Equal(new Assessor(_organisation, "NL", _id) { IsApiKey = true, Kind = OrganisationKind.Hotline }, assessor);
        Assert.Equal(new HashListViewer(_organisation, OrganisationKind.Hotline), lists.Viewer);
        Assert.Equal(AuditActor.ApiKey(_id), lists.Actor);
        Assert.Null(lists.UserId);
    }
}
