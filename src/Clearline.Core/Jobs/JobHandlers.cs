namespace Clearline.Jobs;

/// <summary>One registered job kind: how to read its payload and call its handler in a service scope.</summary>
public sealed record JobHandlerRegistration(string Kind, Func<IServiceProvider, string, JobContext, CancellationToken, Task> InvokeAsync);

/// <summary>The job kinds this process can run. A worker claims only these, so workers of different versions can share a queue.</summary>
public sealed class JobHandlers
{
    private readonly Dictionary<string, JobHandlerRegistration> _byKind;

    public JobHandlers(IEnumerable<JobHandlerRegistration> registrations)
    {
        _byKind = new Dictionary<string, JobHandlerRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!_byKind.TryAdd(registration.Kind, registration))
            {
                throw new InvalidOperationException($"Two handlers are registered for job kind '{registration.Kind}'.");
            }
        }

        Kinds = [.. _byKind.Keys];
    }

    public IReadOnlyList<string> Kinds { get; }

    public JobHandlerRegistration this[string kind] => _byKind[kind];
}
