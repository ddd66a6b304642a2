using System.CommandLine;
using System.Globalization;
using Clearline.ApiKeys;
using Clearline.Organisations;

namespace Clearline.Cli;

/// <summary>
/// <c>clearline api-keys list|revoke</c>: an organisation's API keys for the operator (create one with
/// <c>clearline admin create-api-key</c>, within the organisation's scope ceiling). Not <c>clearline keys</c>, which
/// rotates the media store's key-encryption keys.
/// </summary>
public static class ApiKeysCommand
{
    public static Command Create() => new("api-keys", "List and revoke an organisation's API keys.") { List(), Revoke() };

    private static Command List()
    {
        var organisation = new Option<string>("--org") { Description = "Organisation name.", Required = true };
        var command = new Command("list", "The organisation's keys, one a line (tab-separated): id, name, prefix, state, scopes, expires, last used.") { organisation };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var org = await FindOrganisationAsync(services, parse.GetRequiredValue(organisation), token);
            if (!org.IsSuccess)
            {
                return CliErrors.Report(org.Error);
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var keys = await services.GetRequiredService<ApiKeyService>().ListAsync(org.Value.Id, token);
            var ceiling = ScopeCeilings.For(org.Value.Kind);
            foreach (var key in keys)
            {
                var state = key.RevokedAt is not null ? "revoked" : key.IsExpired(now) ? "expired" : "active";
                var scopes = string.Join(' ', key.ScopeList.Select(s => ceiling.Contains(s) ? s : s + "(above-ceiling,not-granted)"));
                Console.Out.WriteLine(string.Join('\t', key.Id, key.Name, key.Prefix, state, scopes, When(key.ExpiresAt, "never"), When(key.LastUsedAt, "never")));
            }

            Console.Error.WriteLine($"{keys.Count} API keys of '{org.Value.Name}'");
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static Command Revoke()
    {
        var organisation = new Option<string>("--org") { Description = "Organisation name.", Required = true };
        var key = new Option<string>("--key") { Description = "The key's id or its prefix (cl_…, as 'list' shows).", Required = true };
        var command = new Command("revoke", "Revoke a key: running servers refuse it within 5 seconds.") { organisation, key };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var org = await FindOrganisationAsync(services, parse.GetRequiredValue(organisation), token);
            if (!org.IsSuccess)
            {
                return CliErrors.Report(org.Error);
            }

            var keys = services.GetRequiredService<ApiKeyService>();
            var named = parse.GetRequiredValue(key).Trim();
            var found = (await keys.ListAsync(org.Value.Id, token))
                .FirstOrDefault(k => k.Id.ToString().Equals(named, StringComparison.OrdinalIgnoreCase) || k.Prefix.Equals(named, StringComparison.Ordinal));
            if (found is null)
            {
                return CliErrors.Report(new NotFoundError($"'{org.Value.Name}' has no API key '{named}'."));
            }

            var result = await keys.RevokeAsync(org.Value.Id, found.Id, AuditActor.System, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            Console.Error.WriteLine($"revoked API key '{found.Name}' ({found.Prefix}…) of '{org.Value.Name}'");
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static string When(DateTimeOffset? value, string otherwise) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : otherwise;

    private static async Task<Result<Organisation>> FindOrganisationAsync(IServiceProvider services, string name, CancellationToken ct) =>
        await services.GetRequiredService<OrganisationDirectory>().FindByNameAsync(name, ct) is { } organisation
            ? organisation
            : new NotFoundError($"No organisation named '{name}'.");
}
