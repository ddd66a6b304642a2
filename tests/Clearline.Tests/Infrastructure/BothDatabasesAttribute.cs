using System.Reflection;
using Clearline.Database;
using Xunit.Sdk;
using Xunit.v3;

namespace Clearline.Tests.Infrastructure;

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL: the provider is the first argument, then
/// <see cref="Arguments"/>. Use it several times for several cases, as with <c>[InlineData]</c>.
/// </summary>
/// <remarks>
/// The attribute only supplies the rows. Whether PostgreSQL is there is decided when the test starts its
/// database (<see cref="TestDatabase.SkipUnlessAvailable"/>), so without <c>CLEARLINE_TEST_POSTGRES</c> the
/// PostgreSQL row is skipped with its reason, and a test that needs no server runs on both.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class BothDatabasesAttribute(params object?[] arguments) : DataAttribute
{
    private static readonly DatabaseProvider[] Providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>The theory's arguments after the provider.</summary>
    public IReadOnlyList<object?> Arguments { get; } = arguments;

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([.. Providers.Select(provider => ConvertDataRow(Row(provider)))]);

    public override bool SupportsDiscoveryEnumeration() => true;

    private object?[] Row(DatabaseProvider provider) => [provider, .. Arguments];
}
