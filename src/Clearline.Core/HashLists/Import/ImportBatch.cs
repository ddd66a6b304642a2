using Clearline.HashLists.Formats;

namespace Clearline.HashLists.Import;

/// <summary>
/// The lines of one import transaction: its entries and errors.
/// </summary>
internal sealed class ImportBatch(int capacity)
{
    private readonly List<HashListRecord.Entry> _entries = new(capacity);
    private readonly List<HashListRecord.Error> _errors = [];

    public IReadOnlyList<HashListRecord.Error> Errors => _errors;

    /// <summary>The last line of the batch: the import's progress once it is applied.</summary>
    public long LastLine { get; private set; }

    public bool IsFull => _entries.Count + _errors.Count >= capacity;

    public bool IsEmpty => _entries.Count + _errors.Count == 0;

    public void Add(HashListRecord record)
    {
        switch (record)
        {
            case HashListRecord.Entry entry:
                _entries.Add(entry);
                LastLine = Math.Max(LastLine, entry.Line);
                break;
            case HashListRecord.Error error:
                _errors.Add(error);
                LastLine = Math.Max(LastLine, error.Line);
                break;
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _errors.Clear();
    }

    /// <summary>The batch's entries, one per identity (the last of two equal lines wins), and how many lines repeated an earlier one.</summary>
    public (IReadOnlyList<HashListEntry> Entries, int Repeated) Distinct() => KnownHashIdentity.Distinct([.. _entries.Select(e => e.Value)]);
}
