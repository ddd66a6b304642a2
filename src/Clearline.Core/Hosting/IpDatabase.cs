using System.Net;
using System.Net.Sockets;
using MaxMind.Db;

namespace Clearline.Hosting;

/// <summary>
/// One MaxMind-format (<c>.mmdb</c>) database, opened once (memory-mapped) and shared by every thread: opening
/// reads the metadata and is the expensive part, while lookups are lock-free.
/// </summary>
internal sealed class IpDatabase : IDisposable
{
    private readonly Reader _reader;

    private IpDatabase(Reader reader)
    {
        _reader = reader;
        Info = new HostingDatabaseInfo(reader.Metadata.DatabaseType,
            new DateTimeOffset(DateTime.SpecifyKind(reader.Metadata.BuildDate, DateTimeKind.Utc)));
    }

    public HostingDatabaseInfo Info { get; }

    /// <summary>The database at <paramref name="path"/>, or null when no path is configured.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or not a MaxMind DB; the message starts with <paramref name="setting"/>.</exception>
    public static IpDatabase? Open(string? path, string setting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var (reader, problem) = TryOpen(path);
        return reader is null ? throw new InvalidOperationException($"{setting}: {problem}") : new IpDatabase(reader);
    }

    /// <summary>Why the file at <paramref name="path"/> cannot be used, or null when it can (or no path is configured).</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var (reader, problem) = TryOpen(path);
        reader?.Dispose();
        return problem;
    }

    /// <summary>The record for <paramref name="address"/>, or null when the database has none.</summary>
    /// <remarks>
    /// An IPv4-only database is never asked about an IPv6 address: the reader does not refuse, it walks the tree
    /// with the leading bits and answers with an unrelated record. Callers unwrap IPv4-mapped addresses first.
    /// </remarks>
    public T? Find<T>(IPAddress address) where T : class =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && _reader.Metadata.IPVersion == 4
            ? null
            : _reader.Find<T>(address);

    public void Dispose() => _reader.Dispose();

    private static (Reader? Reader, string? Problem) TryOpen(string path)
    {
        if (!File.Exists(path))
        {
            return (null, "file not found");
        }

        try
        {
            return (new Reader(path, FileAccessMode.MemoryMapped), null);
        }
        catch (InvalidDatabaseException ex)
        {
            return (null, $"not a MaxMind DB (.mmdb) file ({ex.Message})");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"cannot be read ({ex.Message})");
        }
    }
}
