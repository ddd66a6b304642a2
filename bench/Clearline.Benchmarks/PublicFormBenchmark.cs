using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Clearline.PublicReporting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clearline.Benchmarks;

/// <summary>
/// The public form under load, as a user gets it: the real <c>clearline serve</c> process (the built executable, on a
/// free loopback port, a temporary data folder, SQLite or PostgreSQL) and 50 well-behaved clients, each reading the form
/// <c>/report/nl</c>, solving its proof of work as the browser does and sending a few reports, while one client floods
/// 1,000 reports (replaying one solved form). Clients are told apart by <c>X-Forwarded-For</c> from a trusted proxy on
/// loopback. Prints what was accepted, refused and throttled, the <c>PublicReports</c> rows, and p50/p99 of the POST.
/// </summary>
/// <remarks>
/// <para>Run: <c>dotnet run -c Release --project bench/Clearline.Benchmarks -- publicform [clients] [reports-per-client] [flood] [bits]</c>.
/// With <c>CLEARLINE_BENCH_POSTGRES</c> set to a connection string, the server uses PostgreSQL: a fresh database
/// <c>bench_publicform_…</c> on that server, dropped afterwards.</para>
/// <para>The hotline is created with <c>clearline admin create-org</c> on the same data folder and database before the
/// server starts; the rows are counted in the database itself (SQLite opened read-only, or PostgreSQL) at the end.</para>
/// </remarks>
public static partial class PublicFormBenchmark
{
    public const string PostgresVariable = "CLEARLINE_BENCH_POSTGRES";

    public static async Task RunAsync(string[] args)
    {
        var clients = Arg(args, 1, 50);
        var perClient = Arg(args, 2, 3);
        var flood = Arg(args, 3, 1000);
        var bits = Arg(args, 4, 16);
        var data = Directory.CreateTempSubdirectory("clearline-publicform-").FullName;
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } pg ? pg : null;
        string? postgresDatabase = null;
        ServerProcess? server = null;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["CLEARLINE__Workers__Enabled"] = "false",
                ["CLEARLINE__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
                ["CLEARLINE__PublicReporting__ReportsPerClient"] = "10",
                ["CLEARLINE__PublicReporting__RateWindow"] = "00:10:00",
                ["CLEARLINE__PublicReporting__ProofOfWorkBits"] = bits.ToString(CultureInfo.InvariantCulture),
            };
            string database;
            if (postgres is not null)
            {
                postgresDatabase = "bench_publicform_" + Guid.NewGuid().ToString("N")[..12];
                await ExecuteOnServerAsync(postgres, $"CREATE DATABASE \"{postgresDatabase}\"");
                var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = postgresDatabase }.ConnectionString;
                environment["CLEARLINE__Database__Provider"] = "Postgres";
                environment["CLEARLINE__Database__ConnectionString"] = connection;
                database = $"PostgreSQL (database {postgresDatabase})";
            }
            else
            {
                environment["CLEARLINE__Database__Provider"] = "Sqlite";
                database = "SQLite";
            }

            var executable = ServerProcess.Executable();
            await ServerProcess.RunToEndAsync(executable, environment,
                "admin", "create-org", "--name", "Benchmark hotline", "--kind", "Hotline", "--country", "NL", "--data", data);
            server = await ServerProcess.StartAsync(executable, environment, data);
            Console.WriteLine($"Public form: {clients} clients x {perClient} reports, a flood of {flood} from one client, {bits}-bit proof of work, " +
                $"the form page /report/nl of the clearline serve process {server.Pid} ({executable}) on {server.Address}, {database}, " +
                $"{Environment.ProcessorCount} cores; load before {Load()}");

            var prepared = await PrepareAsync(server.Address, clients, perClient);
            var floodForm = (await PrepareAsync(server.Address, 1, 1, firstClient: 250)).Single();
            var wellTimes = new ConcurrentBag<double>();
            var floodTimes = new ConcurrentBag<double>();
            var outcomes = new ConcurrentDictionary<string, int>();
            var watch = Stopwatch.StartNew();
            var flooding = Task.Run(() => Parallel.ForEachAsync(Enumerable.Range(0, flood), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
                Count(outcomes, "flood", await PostAsync(floodForm.Client, floodForm.Forms[0], floodTimes))));
            await Task.WhenAll(prepared.Select(c => Task.Run(async () =>
            {
                foreach (var form in c.Forms)
                {
                    Count(outcomes, "well-behaved", await PostAsync(c.Client, form, wellTimes));
                }
            })));
            await flooding;
            var elapsed = watch.Elapsed;
            var load = Load();
            var rows = postgres is not null
                ? await PostgresRowsAsync(environment["CLEARLINE__Database__ConnectionString"])
                : await SqliteRowsAsync(Path.Combine(data, "clearline.db"));

            foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {key,-32} {count,6}");
            }

            var accepted = outcomes.Where(o => o.Key.EndsWith(": accepted", StringComparison.Ordinal)).Sum(o => o.Value);
            Console.WriteLine($"PublicReports rows: {rows}; accepted answers: {accepted} ({(rows == accepted ? "nothing lost" : "MISMATCH: reports lost or extra")})");
            Console.WriteLine($"Well-behaved POST: p50 {Percentile(wellTimes, 0.50):F1} ms, p99 {Percentile(wellTimes, 0.99):F1} ms, max {Max(wellTimes):F1} ms ({wellTimes.Count} requests)");
            Console.WriteLine($"Flood POST:        p50 {Percentile(floodTimes, 0.50):F1} ms, p99 {Percentile(floodTimes, 0.99):F1} ms ({floodTimes.Count} requests)");
            Console.WriteLine($"All sent in {elapsed.TotalSeconds:F1} s; load after {load}");
            foreach (var c in prepared.Append(floodForm))
            {
                c.Client.Dispose();
            }

            if (rows != accepted)
            {
                Environment.ExitCode = 1;
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (postgres is not null && postgresDatabase is not null)
            {
                await ExecuteOnServerAsync(postgres, $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)");
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record Prepared(HttpClient Client, List<Dictionary<string, string>> Forms);

    /// <summary>Each client reads its forms and solves them first, so the timed phase measures the server's POST alone.</summary>
    private static async Task<List<Prepared>> PrepareAsync(Uri server, int clients, int perClient, int firstClient = 0)
    {
        var prepared = new List<Prepared>();
        for (var c = 0; c < clients; c++)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = server,
                Timeout = TimeSpan.FromMinutes(5),
            };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.18.{(firstClient + c) / 250}.{(firstClient + c) % 250 + 1}");
            var forms = new List<Dictionary<string, string>>();
            var challenges = new List<PowChallenge>();
            for (var r = 0; r < perClient; r++)
            {
                var html = await client.GetStringAsync(new Uri("/report/nl", UriKind.Relative));
                var challenge = new PowChallenge(Field(ChallengeField(), html), int.Parse(Field(BitsField(), html), CultureInfo.InvariantCulture));
                forms.Add(new Dictionary<string, string>
                {
                    ["Urls"] = $"https://pictures.example.invalid/{firstClient + c}/{r}",
                    ["WhatSeen"] = "pictures of a cat",
                    ["WhereFound"] = "a link in a chat",
                    [PublicFormGuard.HoneypotField] = string.Empty,
                    ["__RequestVerificationToken"] = Field(AntiforgeryField(), html),
                    [PublicFormGuard.ChallengeField] = challenge.Value,
                });
                challenges.Add(challenge);
            }

            Parallel.For(0, forms.Count, i => forms[i][PublicFormGuard.NonceField] = ProofOfWork.Solve(challenges[i]));
            prepared.Add(new Prepared(client, forms));
        }

        return prepared;
    }

    private static async Task<string> PostAsync(HttpClient client, Dictionary<string, string> form, ConcurrentBag<double> times)
    {
        using var content = new FormUrlEncodedContent(form);
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync(new Uri("/report/nl", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        times.Add(watch.Elapsed.TotalMilliseconds);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => "throttled (429)",
            HttpStatusCode.Created or HttpStatusCode.Redirect or HttpStatusCode.SeeOther => "accepted",
            HttpStatusCode.OK when body.Contains("data-reference", StringComparison.Ordinal) => "accepted",
            _ => $"refused ({(int)response.StatusCode})",
        };
    }

    private static void Count(ConcurrentDictionary<string, int> outcomes, string who, string outcome) =>
        outcomes.AddOrUpdate($"{who}: {outcome}", 1, (_, n) => n + 1);

    /// <summary>Counts the stored reports in the server's SQLite file, opened read-only (the server may still hold it).</summary>
    private static async Task<long> SqliteRowsAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"PublicReports\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<long> PostgresRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"PublicReports\"", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteOnServerAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static double Percentile(ConcurrentBag<double> times, double p)
    {
        var sorted = times.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static double Max(ConcurrentBag<double> times) => times.IsEmpty ? 0 : times.Max();

    private static int Arg(string[] args, int at, int otherwise) => args.Length > at ? int.Parse(args[at], CultureInfo.InvariantCulture) : otherwise;

    private static string Field(Regex pattern, string html) =>
        pattern.Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"The form has no field matching {pattern}.");

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"pow-challenge\" value=\"([^\"]+)\"")]
    private static partial Regex ChallengeField();

    [GeneratedRegex("data-pow-bits=\"(\\d+)\"")]
    private static partial Regex BitsField();
}
