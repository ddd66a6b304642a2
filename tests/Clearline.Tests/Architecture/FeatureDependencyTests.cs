using System.Reflection;
using System.Text.RegularExpressions;
using Clearline.Database;
using Microsoft.EntityFrameworkCore;

namespace Clearline.Tests.Architecture;

/// <summary>
/// The pipeline flows one way: a feature announces what happened and the features downstream react, so upstream
/// features never name downstream ones, and each feature is the only writer of its own tables.
/// </summary>
/// <remarks>
/// Two checks, both simple: the types of Core's fields, constructor and method parameters (reflection), and the
/// source of each feature's folder (a type reached only inside a method body, or a row written, shows only there).
/// </remarks>
public sealed class FeatureDependencyTests
{
    private static readonly Assembly Core = typeof(ClearlineDbContext).Assembly;

    /// <summary>Upstream feature → the downstream features it must not name.</summary>
    public static TheoryData<string, string[]> Upstream => new()
    {
        { "Crawling", ["Matching", "Routing", "Classification", "Takedown"] },
    };

    /// <summary>Feature → the features whose tables it must not write (it may read them).</summary>
    public static TheoryData<string, string[]> Writers => new()
    {
        { "Crawling", ["Matching", "Routing", "Classification", "Takedown"] },
        { "HashLists", ["Classification"] },
        { "Matching", ["Classification"] },
        { "Videos", ["Crawling", "Matching", "Classification", "HashLists"] },
        { "Exchange", ["HashLists", "Matching", "Classification"] },
    };

    [Theory]
    [MemberData(nameof(Upstream))]
    public void UpstreamFeature_NamesNoDownstreamType(string feature, string[] downstream)
    {
        var found = new List<string>();
        foreach (var type in TypesOf(feature))
        {
            found.AddRange(SignatureTypes(type).Where(t => downstream.Any(d => InFeature(t, d))).Select(t => $"{type.Name} uses {t.FullName}"));
        }

        foreach (var (file, line) in SourceLines(feature))
        {
            foreach (var name in downstream)
            {
                if (line.Contains($"Clearline.{name}", StringComparison.Ordinal) || Regex.IsMatch(line, $@"(?<![\w.]){name}\.[A-Z]"))
                {
                    found.Add($"{file}: {line.Trim()}");
                }
            }
        }

        Assert.Empty(found);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Feature_WritesNoTableOfAnother(string feature, string[] owners)
    {
        var own = TypesOf(feature).SelectMany(t => t.GetProperties()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var entity in owners.SelectMany(EntitiesOf))
        {
            // A new row (named, or target-typed where the line names the type), a bulk update or delete, or an assignment
            // to a settable column that no type of the writer's own has: each is a write to the other's table.
            var columns = entity.GetProperties().Where(p => p.SetMethod is not null && !own.Contains(p.Name)).Select(p => p.Name).ToList();
            var writes = new Regex(
                $@"new {entity.Name}\b|\b{entity.Name}\b.*\bnew\(\)|Set<{entity.Name}>\(\)[^;]*Execute(Update|Delete)" + (columns.Count == 0 ? "" : $@"|\.({string.Join('|', columns)})\s*=(?![=>])"));
            found.AddRange(SourceLines(feature).Where(l => writes.IsMatch(l.Line)).Select(l => $"{l.File} writes {entity.Name}: {l.Line.Trim()}"));
        }

        Assert.Empty(found);
    }

    private static bool InFeature(Type type, string feature) =>
        type.Namespace is { } ns && (ns == $"Clearline.{feature}" || ns.StartsWith($"Clearline.{feature}.", StringComparison.Ordinal));

    private static List<Type> TypesOf(string feature) => [.. Core.GetTypes().Where(t => InFeature(t, feature))];

    /// <summary>The feature's entities: the types its EF configurations map.</summary>
    private static IEnumerable<Type> EntitiesOf(string feature) =>
        TypesOf(feature)
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))
            .Select(i => i.GetGenericArguments()[0]);

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = type.GetFields(All).Select(f => f.FieldType)
            .Concat(type.GetProperties(All).Select(p => p.PropertyType))
            .Concat(type.GetConstructors(All).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
            .Concat(type.GetMethods(All).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetInterfaces());
        return types.SelectMany(Unwrap).Distinct();
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        var element = type.HasElementType ? type.GetElementType()! : type;
        yield return element;
        if (element.IsGenericType)
        {
            foreach (var argument in element.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }

    /// <summary>Every line of code (comments left out) in the feature's folder of Clearline.Core.</summary>
    private static IEnumerable<(string File, string Line)> SourceLines(string feature)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Clearline.Core", feature);
        Assert.True(Directory.Exists(folder), $"No folder {folder}.");
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select(line => (Path.GetRelativePath(folder, file), line)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clearline.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Clearline.slnx) was not found above the test binaries.");
    }
}
