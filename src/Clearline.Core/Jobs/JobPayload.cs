using System.Text.Json;

namespace Clearline.Jobs;

/// <summary>How payloads are written to and read from <see cref="Job.Payload"/>: System.Text.Json, web defaults.</summary>
internal static class JobPayload
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<TPayload>(TPayload payload) => JsonSerializer.Serialize(payload, Options);

    /// <remarks>A payload that cannot be read will never be readable: that is a permanent failure, not a retry.</remarks>
    public static TPayload Deserialize<TPayload>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TPayload>(json, Options)
                ?? throw new PermanentJobFailureException("The job's payload is empty.");
        }
        catch (JsonException ex)
        {
            throw new PermanentJobFailureException($"The job's payload is not a valid {typeof(TPayload).Name}: {ex.Message}", ex);
        }
    }
}
