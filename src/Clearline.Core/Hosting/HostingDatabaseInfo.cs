namespace Clearline.Hosting;

/// <summary>
/// Which database answered a lookup: stored with a trace as evidence, because sources disagree (registration
/// country versus measured location) and data ages.
/// </summary>
/// <param name="DatabaseType">The database's own name, e.g. <c>GeoIP2-Country</c> or <c>country ipvAll</c>.</param>
/// <param name="BuildDate">When the database was built (UTC).</param>
public sealed record HostingDatabaseInfo(string DatabaseType, DateTimeOffset BuildDate);
