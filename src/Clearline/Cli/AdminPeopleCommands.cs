using System.CommandLine;
using Clearline.Organisations;

namespace Clearline.Cli;

/// <summary>
/// <c>clearline admin set-role|disable-user|enable-user|unlock-user|reset-authenticator|deactivate-org|reactivate-org</c>:
/// the operator's way to the same use cases as the People and Organisations pages, for when nobody can sign in.
/// </summary>
public static class AdminPeopleCommands
{
    public static IEnumerable<Command> Create() =>
    [
        SetRole(),
        PersonCommand("disable-user", "Disable a user: they cannot sign in and their sessions end now.", (a, admin, id, ct) => a.DisableAsync(admin, id, ct)),
        PersonCommand("enable-user", "Let a disabled user sign in again.", (a, admin, id, ct) => a.EnableAsync(admin, id, ct)),
        PersonCommand("unlock-user", "End a user's lockout after too many failed sign-ins.", (a, admin, id, ct) => a.UnlockAsync(admin, id, ct)),
        PersonCommand("reset-authenticator", "Forget a user's authenticator; they enrol a new one at next sign-in.", (a, admin, id, ct) => a.ResetAuthenticatorAsync(admin, id, ct)),
        OrganisationCommand("deactivate-org", "Deactivate an organisation: its people are signed out and refused, its keys refused.", (o, id, ct) => o.DeactivateAsync(id, NetworkAdministrator.Operator, ct)),
        OrganisationCommand("reactivate-org", "Reactivate a deactivated organisation.", (o, id, ct) => o.ReactivateAsync(id, NetworkAdministrator.Operator, ct)),
    ];

    private static Command SetRole()
    {
        var (organisation, email) = (OrganisationOption(), EmailOption());
        var role = new Option<Role>("--role") { Description = "The new role; the organisation's kind must allow it.", Required = true };
        var command = new Command("set-role", "Give a user another role; their sessions end.") { organisation, email, role };
        command.SetAction((parse, ct) => RunOnPersonAsync(parse, organisation, email,
            (a, admin, id, token) => a.ChangeRoleAsync(admin, id, parse.GetValue(role), token), ct));
        return command;
    }

    private static Command PersonCommand(
        string name, string description, Func<UserAdministration, PeopleAdministrator, Guid, CancellationToken, Task<Result<Person>>> change)
    {
        var (organisation, email) = (OrganisationOption(), EmailOption());
        var command = new Command(name, description) { organisation, email };
        command.SetAction((parse, ct) => RunOnPersonAsync(parse, organisation, email, change, ct));
        return command;
    }

    private static Option<string> OrganisationOption() => new("--org") { Description = "Organisation name.", Required = true };

    private static Option<string> EmailOption() => new("--email") { Description = "The person's email address.", Required = true };

    private static Task<int> RunOnPersonAsync(
        ParseResult parse, Option<string> organisation, Option<string> email,
        Func<UserAdministration, PeopleAdministrator, Guid, CancellationToken, Task<Result<Person>>> change, CancellationToken ct) =>
        CliHost.RunAsync(parse, async (services, token) =>
        {
            var org = await services.GetRequiredService<OrganisationDirectory>().FindByNameAsync(parse.GetRequiredValue(organisation), token);
            if (org is null)
            {
                return CliErrors.Report(new NotFoundError($"No organisation named '{parse.GetRequiredValue(organisation)}'."));
            }

            var id = await services.GetRequiredService<UserDirectory>().FindIdByEmailAsync(org.Id, parse.GetRequiredValue(email), token);
            if (id is null)
            {
                return CliErrors.Report(new NotFoundError($"No user '{parse.GetRequiredValue(email)}' in '{org.Name}'."));
            }

            var result = await change(services.GetRequiredService<UserAdministration>(), PeopleAdministrator.Operator(org.Id), id.Value, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            var person = result.Value;
            Console.Error.WriteLine($"{person.Email}: {person.Role}, {(person.Disabled ? "disabled" : "enabled")}{(person.LockedOut ? ", locked out" : "")}{(person.AuthenticatorEnrolled ? "" : ", no authenticator")}");
            return CliErrors.Success;
        }, ct);

    private static Command OrganisationCommand(string name, string description, Func<OrganisationDirectory, Guid, CancellationToken, Task<Result<Organisation>>> change)
    {
        var organisation = new Option<string>("--name") { Description = "Organisation name.", Required = true };
        var command = new Command(name, description) { organisation };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, token) =>
        {
            var directory = services.GetRequiredService<OrganisationDirectory>();
            var org = await directory.FindByNameAsync(parse.GetRequiredValue(organisation), token);
            if (org is null)
            {
                return CliErrors.Report(new NotFoundError($"No organisation named '{parse.GetRequiredValue(organisation)}'."));
            }

            var result = await change(directory, org.Id, token);
            if (!result.IsSuccess)
            {
                return CliErrors.Report(result.Error);
            }

            Console.Error.WriteLine($"organisation '{result.Value.Name}' is {(result.Value.IsActive ? "active" : "deactivated")}");
            return CliErrors.Success;
        }, ct));
        return command;
    }
}
