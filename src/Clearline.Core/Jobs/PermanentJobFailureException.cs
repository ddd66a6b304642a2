namespace Clearline.Jobs;

/// <summary>
/// Thrown by a handler when retrying cannot help (bad payload, a thing that no longer exists): the job goes
/// straight to <see cref="JobState.Failed"/> with this message, without using up its remaining attempts.
/// </summary>
public sealed class PermanentJobFailureException : Exception
{
    public PermanentJobFailureException()
        : base("The job cannot succeed.")
    {
    }

    public PermanentJobFailureException(string message)
        : base(message)
    {
    }

    public PermanentJobFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
