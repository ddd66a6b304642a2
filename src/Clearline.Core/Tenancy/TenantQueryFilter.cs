using System.Linq.Expressions;

namespace Clearline.Tenancy;

/// <summary>The EF Core backstop for tenant isolation: every <see cref="ITenantOwned"/> row is filtered.</summary>
/// <remarks>
/// Endpoints already scope their queries by the principal's organisation; this filter makes a forgotten
/// <c>Where</c> return nothing instead of another tenant's data. Only system work (CLI, workers) bypasses it.
/// </remarks>
internal static class TenantQueryFilter
{
    public static void Apply(ModelBuilder builder, ClearlineDbContext context)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) || entity.BaseType is not null)
            {
                continue;
            }

            var method = typeof(TenantQueryFilter).GetMethod(nameof(Filter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(entity.ClrType);
            var filter = (LambdaExpression)method.Invoke(null, [context])!;
            builder.Entity(entity.ClrType).HasQueryFilter(filter);
        }
    }

    private static Expression<Func<T, bool>> Filter<T>(ClearlineDbContext context) where T : class, ITenantOwned =>
        e => context.TenantIsSystem || e.OrganisationId == context.TenantOrganisationId;
}
