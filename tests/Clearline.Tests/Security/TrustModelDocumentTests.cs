using Clearline.ApiKeys;
using Clearline.Identity;
using Clearline.Organisations;

namespace Clearline.Tests.Security;

/// <summary>
/// <c>docs/security.md</c> states the trust model as three tables; each must equal the code it describes, so the
/// document cannot drift: roles by kind (<see cref="RolePermissions.Allowed"/>), permissions by role
/// (<see cref="RolePermissions.For"/>), and the key scope ceiling by kind with what each scope needs (<see cref="ScopeCeilings"/>).
/// </summary>
public sealed class TrustModelDocumentTests
{
    private const string Yes = "✓";
    private const string No = "—";

    private static readonly Lazy<string> Document = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md")));

    [Fact]
    public void RolesByKind_EqualRolePermissionsAllowed()
    {
        var table = TableAfter("### Roles by organisation kind");

        AssertSameCells(
            table,
            Enum.GetValues<OrganisationKind>().Select(k => k.ToString()),
            Enum.GetValues<Role>().Select(r => r.ToString()),
            (kind, role) => RolePermissions.Allowed(Enum.Parse<OrganisationKind>(kind), Enum.Parse<Role>(role)));
    }

    [Fact]
    public void PermissionsByRole_EqualRolePermissions()
    {
        var table = TableAfter("### Permissions by role");

        AssertSameCells(
            table,
            Enum.GetValues<Permission>().Select(p => p.ToString()),
            Enum.GetValues<Role>().Select(r => r.ToString()),
            (permission, role) => RolePermissions.Has(Enum.Parse<Role>(role), Enum.Parse<Permission>(permission)));
    }

    [Fact]
    public void ScopeCeilingByKind_EqualsScopeCeilings_AndWhatEachScopeNeeds()
    {
        var table = TableAfter("### API-key scope ceiling by organisation kind");
        var needs = table.Rows.ToDictionary(r => r.Key, r => r.Value[0], StringComparer.Ordinal);
        var ceilings = new Table(table.Columns[1..], table.Rows.ToDictionary(r => r.Key, r => r.Value[1..], StringComparer.Ordinal));

        AssertSameCells(
            ceilings,
            ApiScopes.All.Select(s => $"`{s}`"),
            Enum.GetValues<OrganisationKind>().Select(k => k.ToString()),
            (scope, kind) => ScopeCeilings.Allows(Enum.Parse<OrganisationKind>(kind), scope.Trim('`')));
        Assert.All(ScopeCeilings.Needs, n => Assert.Equal(
            n.Value.Select(p => p.ToString()).Order(StringComparer.Ordinal),
            needs[$"`{n.Key}`"].Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)));
    }

    private static void AssertSameCells(Table table, IEnumerable<string> rows, IEnumerable<string> columns, Func<string, string, bool> expected)
    {
        var rowNames = rows.ToList();
        var columnNames = columns.ToList();
        Assert.Equal(rowNames.Order(StringComparer.Ordinal), table.Rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(columnNames.Order(StringComparer.Ordinal), table.Columns.Order(StringComparer.Ordinal));
        var wrong = new List<string>();
        foreach (var row in rowNames)
        {
            for (var i = 0; i < table.Columns.Length; i++)
            {
                var cell = table.Rows[row][i];
                var want = expected(row, table.Columns[i]) ? Yes : No;
                if (cell != want)
                {
                    wrong.Add($"{row} × {table.Columns[i]}: the document says '{cell}', the code '{want}'");
                }
            }
        }

        Assert.True(wrong.Count == 0, "docs/security.md disagrees with the code:\n" + string.Join('\n', wrong));
    }

    /// <summary>The markdown table after <paramref name="heading"/>: its column names (after the first) and its rows by first cell.</summary>
    private static Table TableAfter(string heading)
    {
        var lines = Document.Value.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf(heading);
        Assert.True(start >= 0, $"docs/security.md has no heading '{heading}'");
        var tableLines = lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.True(tableLines.Count > 2, $"docs/security.md has no table under '{heading}'");
        var header = Cells(tableLines[0]);
        var rows = tableLines.Skip(2).Select(Cells).ToDictionary(c => c[0], c => c[1..], StringComparer.Ordinal);
        return new Table(header[1..], rows);
    }

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clearline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Clearline.slnx not found above " + AppContext.BaseDirectory);
    }

    private sealed record Table(string[] Columns, Dictionary<string, string[]> Rows);
}
