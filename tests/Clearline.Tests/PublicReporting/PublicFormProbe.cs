using System.Net;
using System.Text;
using Clearline.Audit;
using Clearline.Database;
using Clearline.PublicReporting;
using Clearline.Tenancy;
using Clearline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearline.Tests.PublicReporting;

/// <summary>
/// The real app with two stand-ins for the public pages, carrying the same rate-limit policies and calling the guard
/// the same way: <c>/test/public-form</c> (the form's POST: <see cref="PublicFormGuard.Check"/> first, then the intake)
/// and <c>/test/public-status</c> (the status lookup). Clients are told apart by <c>X-Forwarded-For</c> from a
/// trusted proxy on loopback, as behind a reverse proxy.
/// </summary>
internal static class PublicFormProbe
{
    public const string FormPath = "/test/public-form";
    public const string StatusPath = "/test/public-status";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<ClearlineTestApp> StartAsync(DatabaseProvider provider, int reportsPerClient = 3, int bits = 8) =>
        ClearlineTestApp.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Workers:Enabled"] = "false",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["PublicReporting:ReportsPerClient"] = reportsPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PublicReporting:RateWindow"] = "01:00:00",
            ["PublicReporting:ProofOfWorkBits"] = bits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, builder => builder.Services.AddSingleton<IStartupFilter, Endpoints>());

    /// <summary>A fresh challenge, as the form's guard partial renders it.</summary>
    public static PowChallenge Challenge(ClearlineTestApp app) => app.Services.GetRequiredService<PublicFormGuard>().Issue();

    /// <summary>A form with a solved challenge and one URL.</summary>
    public static Dictionary<string, string> SolvedForm(ClearlineTestApp app, Guid hotlineId, string url)
    {
        var challenge = Challenge(app);
        return new Dictionary<string, string>
        {
            ["hotline"] = hotlineId.ToString(),
            ["Urls"] = url,
            ["WhatSeen"] = "pictures of a cat",
            [PublicFormGuard.ChallengeField] = challenge.Value,
            [PublicFormGuard.NonceField] = ProofOfWork.Solve(challenge),
            [PublicFormGuard.HoneypotField] = string.Empty,
        };
    }

    /// <summary>
    /// The guard fields of a form page's <paramref name="html"/>, solved as the browser's script solves them: what a test
    /// that sends the real form adds to its fields.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> SolvedGuardFields(string html)
    {
        var challenge = System.Text.RegularExpressions.Regex.Match(html, "name=\"pow-challenge\" value=\"([^\"]+)\"").Groups[1].Value;
        var bits = System.Text.RegularExpressions.Regex.Match(html, "data-pow-bits=\"(\\d+)\"").Groups[1].Value;
        if (challenge.Length == 0 || bits.Length == 0)
        {
            return [];
        }

        var pow = new PowChallenge(WebUtility.HtmlDecode(challenge), int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture));
        return [new(PublicFormGuard.ChallengeField, pow.Value), new(PublicFormGuard.NonceField, ProofOfWork.Solve(pow))];
    }

    /// <summary>Posts <paramref name="form"/> from <paramref name="client"/> (its forwarded address); returns status, body and headers.</summary>
    public static async Task<(HttpStatusCode Status, string Body, IHeaderDictionary Headers)> PostAsync(
        ClearlineTestApp app, string client, IReadOnlyDictionary<string, string> form, string path = FormPath)
    {
        var body = string.Join('&', form.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        var context = await app.App.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Loopback;
            c.Request.Headers["X-Forwarded-For"] = client;
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }, Ct);
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync(Ct);
        return ((HttpStatusCode)context.Response.StatusCode, text, context.Response.Headers);
    }

    public static Task<int> PublicReportCountAsync(ClearlineTestApp app) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<PublicReport>().CountAsync(Ct));

    /// <summary>Whether any audit entry holds <paramref name="address"/> (it never should).</summary>
    public static Task<bool> AuditMentionsAsync(ClearlineTestApp app, string address) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<ClearlineDbContext>().Set<AuditEntry>()
            .AnyAsync(e => e.ClientIp == address || (e.Detail != null && e.Detail.Contains(address)), Ct));

    /// <summary>Sets the stand-in endpoints before routing, which then leaves them be; the rest of the pipeline is the app's.</summary>
    private sealed class Endpoints : IStartupFilter
    {
        private static readonly Endpoint Form = new(SubmitAsync,
            new EndpointMetadataCollection(new AllowAnonymousAttribute(), new EnableRateLimitingAttribute(PublicFormGuard.RateLimitPolicy)), "public form probe");

        private static readonly Endpoint Status = new(c => c.Response.WriteAsync("status", c.RequestAborted),
            new EndpointMetadataCollection(new AllowAnonymousAttribute(), new EnableRateLimitingAttribute(PublicFormGuard.StatusLookupPolicy)), "public status probe");

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (context.Request.Path.StartsWithSegments(FormPath))
                {
                    context.SetEndpoint(Form);
                }
                else if (context.Request.Path.StartsWithSegments(StatusPath))
                {
                    context.SetEndpoint(Status);
                }

                return rest(context);
            });
            next(app);
        };

        /// <summary>What the form's page does: the guard first, then the intake.</summary>
        private static async Task SubmitAsync(HttpContext context)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var outcome = context.RequestServices.GetRequiredService<PublicFormGuard>().Check(form);
            if (!outcome.Passed)
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                }

                await context.Response.WriteAsync(outcome.Problem!, context.RequestAborted);
                return;
            }

            await using var scope = context.RequestServices.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().ActAsSystem();
            var result = await scope.ServiceProvider.GetRequiredService<PublicReportIntake>().SubmitAsync(
                Guid.Parse(form["hotline"].ToString()), new PublicReportSubmission(form["Urls"].ToArray()!, form["WhatSeen"]),
                PublicReportChannel.Form, AuditActor.Anonymous, context.RequestAborted);
            context.Response.StatusCode = result.IsSuccess ? StatusCodes.Status201Created : StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(result.IsSuccess ? result.Value!.Reference : result.Error!.Message, context.RequestAborted);
        }
    }
}
