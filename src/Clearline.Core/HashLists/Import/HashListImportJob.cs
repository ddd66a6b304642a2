using Clearline.Jobs;

namespace Clearline.HashLists.Import;

/// <summary>The durable job that runs (or resumes) one import.</summary>
public sealed record HashListImportJob(Guid ImportId)
{
    public const string Kind = "hashlist-import";
}

/// <summary>Runs an import; a retry resumes after the last applied line, and a finished import is left as it is.</summary>
public sealed class HashListImportJobHandler(HashListImporter importer) : IJobHandler<HashListImportJob>
{
    public async Task HandleAsync(HashListImportJob payload, JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (await importer.RunAsync(payload.ImportId, progress: null, cancellationToken) is null)
        {
            throw new PermanentJobFailureException($"Import {payload.ImportId} does not exist.");
        }
    }
}
