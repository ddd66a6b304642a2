using System.CommandLine;
using Clearline.ApiKeys;
using Clearline.Organisations;

namespace Clearline.Cli;

/// <summary><c>clearline admin …</c>: the first organisations, people and keys. Secrets go alone to stdout.</summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var admin = new Command("admin", "Create organisations, users and API keys.");
        admin.Subcommands.Add(CreateOrganisation());
        admin.Subcommands.Add(CreateUser());
        admin.Subcommands.Add(CreateApiKey());
        admin.Subcommands.Add(ResetPassword());
        foreach (var command in AdminPeopleCommands.Create())
        {
            admin.Subcommands.Add(command);
        }

        return admin;
    }

    private static Command CreateOrganisation()
    {
        var name = new Option<string>("--name") { Description = "Organisation name (unique).", Required = true };
        var kind = new Option<OrganisationKind>("--kind") { Description = "Hotline, LawEnforcement, Interpol, Coordinator or Industry.", Required = true };
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2 code; none for Interpol and Coordinator." };
        var lawProfile = new Option<string?>("--law-profile") { Description = "A hotline's national-law profile name." };
        var command = new Command("create-org", "Create an organisation.") { name, kind, country, lawProfile };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var result = await services.GetRequiredService<OrganisationDirectory>().CreateAsync(
                new NewOrganisation(parse.GetRequiredValue(name), parse.GetValue(kind), parse.GetValue(country), parse.GetValue(lawProfile)),
                AuditActor.System, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            Console.Error.WriteLine($"created organisation '{result.Value.Name}' ({result.Value.Kind}) with id {result.Value.Id}");
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static Command CreateUser()
    {
        var organisation = new Option<string>("--org") { Description = "Organisation name.", Required = true };
        var email = new Option<string>("--email") { Description = "The person's email address (their sign-in name).", Required = true };
        var role = new Option<Role>("--role") { Description = "Analyst, Supervisor, OrgAdmin, LeaOfficer, InterpolOfficer, Coordinator or SystemAdmin.", Required = true };
        var command = new Command("create-user", "Create a user; prints a one-time password that must be changed at first sign-in.") { organisation, email, role };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var org = await FindOrganisationAsync(services, parse.GetRequiredValue(organisation), token);
            if (!org.IsSuccess)
            {
                return CliErrors.Report(org.Error);
            }

            var result = await services.GetRequiredService<UserAdministration>().CreateAsync(
                new NewUser(org.Value.Id, parse.GetRequiredValue(email), parse.GetValue(role)), AuditActor.System, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            Console.Error.WriteLine($"created {result.Value.User.Role} {result.Value.User.Email} in '{org.Value.Name}'; one-time password follows on stdout");
            Console.Out.WriteLine(result.Value.OneTimePassword);
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static Command CreateApiKey()
    {
        var organisation = new Option<string>("--org") { Description = "Organisation name.", Required = true };
        var name = new Option<string>("--name") { Description = "A name for the key, unique in the organisation.", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = $"Scopes, space- or comma-separated: {string.Join(", ", ApiScopes.All.Order(StringComparer.Ordinal))}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("create-api-key", "Create an API key; prints it once (only its hash is stored).") { organisation, name, scopes };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var org = await FindOrganisationAsync(services, parse.GetRequiredValue(organisation), token);
            if (!org.IsSuccess)
            {
                return CliErrors.Report(org.Error);
            }

            var result = await services.GetRequiredService<ApiKeyService>().CreateAsync(
                org.Value.Id, parse.GetRequiredValue(name), parse.GetRequiredValue(scopes), AuditActor.System, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            Console.Error.WriteLine($"created API key '{result.Value.Key.Name}' for '{org.Value.Name}' with scopes {result.Value.Key.Scopes}; key follows on stdout");
            Console.Out.WriteLine(result.Value.Secret);
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static Command ResetPassword()
    {
        var email = new Argument<string>("email") { Description = "The person's email address (their sign-in name)." };
        var command = new Command("reset-password",
            "Give a person a new one-time password (printed alone on stdout) that they must change at their next sign-in; ends their sessions.") { email };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var result = await services.GetRequiredService<PasswordReset>().ResetAsync(parse.GetRequiredValue(email), AuditActor.System, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            Console.Error.WriteLine("password reset; the person's sessions ended; one-time password follows on stdout");
            Console.Out.WriteLine(result.Value);
            return CliErrors.Success;
        }, ct));
        return command;
    }

    private static async Task<Result<Organisation>> FindOrganisationAsync(IServiceProvider services, string name, CancellationToken ct) =>
        await services.GetRequiredService<OrganisationDirectory>().FindByNameAsync(name, ct) is { } organisation
            ? organisation
            : new NotFoundError($"No organisation named '{name}'.");
}
