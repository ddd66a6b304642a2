namespace Clearline.HashLists.Import;

/// <summary>Where a running import stands after a batch: what the command line prints while it waits.</summary>
public sealed record HashListImportProgress(long LinesRead, long EntriesAdded, long EntriesUnchanged, long ErrorCount);
