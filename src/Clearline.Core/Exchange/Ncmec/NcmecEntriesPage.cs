using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Clearline.Exchange.Ncmec;

/// <summary>Whether an entry is an image or a video (NCMEC's <c>image</c>/<c>video</c> elements).</summary>
public enum NcmecEntryKind
{
    Image = 1,
    Video = 2,
}

/// <summary>
/// One entry of a page: added or changed, or deleted (<c>deletedImage</c>/<c>deletedVideo</c>). An entry is named by
/// its kind, the member that shared it and the member's id for it (<see cref="Key"/>, kept as the hash's source id).
/// </summary>
public sealed record NcmecEntry(
    NcmecEntryKind Kind, bool Deleted, string MemberId, string Id, string? Classification, IReadOnlyDictionary<string, string> Fingerprints)
{
    /// <summary>The entry's name in Clearline (<c>KnownHash.SourceId</c>): <c>image:42:image1</c>.</summary>
    public string Key => NcmecEntryKey.Format(Kind, MemberId, Id);
}

/// <summary>The key of an entry, both ways.</summary>
public static class NcmecEntryKey
{
    public static string Format(NcmecEntryKind kind, string memberId, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"{(kind == NcmecEntryKind.Image ? "image" : "video")}:{memberId}:{id}");

    /// <summary>The member and id of a key this feature wrote; false for any other source id.</summary>
    public static bool TryParse(string? key, out NcmecEntryKind kind, out string memberId, out string id)
    {
        kind = NcmecEntryKind.Image;
        memberId = id = "";
        var parts = key?.Split(':', 3);
        if (parts is not { Length: 3 } || parts[1].Length == 0 || parts[2].Length == 0 || parts[0] is not ("image" or "video"))
        {
            return false;
        }

        kind = parts[0] == "image" ? NcmecEntryKind.Image : NcmecEntryKind.Video;
        (memberId, id) = (parts[1], parts[2]);
        return true;
    }
}

/// <summary>One answer of <c>GET /v2/entries</c> (a <c>queryResult</c>): its entries in document order, the entries
/// that could not be read and why, the largest <c>maxTimestamp</c>, and the next page.</summary>
public sealed record NcmecEntriesPage(IReadOnlyList<NcmecEntry> Entries, IReadOnlyList<string> Unreadable, DateTimeOffset? MaxTimestamp, string? Next)
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        Async = true,
    };

    /// <summary>Reads a page; the namespace is not required (NCMEC's is <c>https://hashsharing.ncmec.org/hashsharing/v2</c>).</summary>
    /// <exception cref="NcmecFailure">The answer is not complete XML, or not a <c>queryResult</c>.</exception>
    public static async Task<NcmecEntriesPage> ReadAsync(Stream xml, CancellationToken ct)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(xml, Settings);
            document = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException ex)
        {
            throw new NcmecFailure($"NCMEC's answer is not complete XML (cut off or malformed at line {ex.LineNumber}); nothing of it was applied.", ex);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "queryResult")
        {
            throw new NcmecFailure($"NCMEC answered with a <{root.Name.LocalName}> where a <queryResult> was expected; nothing of it was applied.");
        }

        var entries = new List<NcmecEntry>();
        var unreadable = new List<string>();
        DateTimeOffset? max = null;
        foreach (var group in root.Elements().Where(e => e.Name.LocalName is "images" or "videos"))
        {
            if (Timestamp(group.Attribute("maxTimestamp")?.Value) is { } groupMax && (max is null || groupMax > max))
            {
                max = groupMax;
            }

            foreach (var element in group.Elements())
            {
                if (Read(element, out var problem) is { } entry)
                {
                    entries.Add(entry);
                }
                else if (problem is not null)
                {
                    unreadable.Add(problem);
                }
            }
        }

        var next = Child(root, "paging") is { } paging ? Child(paging, "next")?.Value.Trim() : null;
        return new NcmecEntriesPage(entries, unreadable, max, string.IsNullOrEmpty(next) ? null : next);
    }

    private static NcmecEntry? Read(XElement element, out string? problem)
    {
        problem = null;
        (NcmecEntryKind Kind, bool Deleted)? shape = element.Name.LocalName switch
        {
            "image" => (NcmecEntryKind.Image, false),
            "video" => (NcmecEntryKind.Video, false),
            "deletedImage" => (NcmecEntryKind.Image, true),
            "deletedVideo" => (NcmecEntryKind.Video, true),
            _ => null,
        };
        if (shape is not { } known)
        {
            return null;
        }

        var id = Child(element, "id")?.Value.Trim();
        var member = Child(element, "member")?.Attribute("id")?.Value.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(member) || id.Contains(':', StringComparison.Ordinal) || member.Contains(':', StringComparison.Ordinal))
        {
            problem = $"A <{element.Name.LocalName}> without a usable <id> or <member id>.";
            return null;
        }

        var fingerprints = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Child(element, "fingerprints") is { } prints)
        {
            foreach (var print in prints.Elements().Where(p => !p.HasElements && p.Value.Trim().Length > 0))
            {
                fingerprints[print.Name.LocalName] = print.Value.Trim();
            }
        }

        var classification = Child(element, "classification")?.Value.Trim();
        return new NcmecEntry(known.Kind, known.Deleted, member, id, string.IsNullOrEmpty(classification) ? null : classification, fingerprints);
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static DateTimeOffset? Timestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
}
