using System.Text.Json;

namespace Clearline.AbuseContacts;

/// <summary>What an RDAP answer says about an abuse contact; <see cref="Email"/> null when it names none.</summary>
internal sealed record RdapContact(string? Email, string? Name, string? Organisation, string? Phone, string? Handle);

/// <summary>
/// Reads RFC 9083 answers: the abuse entity (role <c>abuse</c>, at any depth of <c>entities</c>, the shallowest
/// first) of an <c>ip network</c>, or the registrar entity of a <c>domain</c> and the registrar's abuse entity;
/// names, e-mail addresses and phones from the entities' jCards (<c>vcardArray</c>, RFC 7095).
/// </summary>
internal static class RdapResponses
{
    /// <summary>The network's abuse contact; throws <see cref="JsonException"/> when the answer is not an RDAP ip network.</summary>
    public static RdapContact Network(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var network = ObjectOf(document, "ip network");
        var abuse = FindEntity(network, "abuse");
        var holder = FindEntity(network, "registrant");
        var organisation = (holder is { } h ? CardText(h, "org") ?? CardText(h, "fn") : null)
            ?? (abuse is { } a ? CardText(a, "org") : null)
            ?? Text(network, "name");
        return abuse is { } entity
            ? new RdapContact(CardText(entity, "email"), CardText(entity, "fn"), organisation, Phone(entity), Text(entity, "handle"))
            : new RdapContact(null, null, organisation, null, null);
    }

    /// <summary>The registrar's abuse contact; throws <see cref="JsonException"/> when the answer is not an RDAP domain.</summary>
    public static RdapContact Registrar(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var domain = ObjectOf(document, "domain");
        var registrar = FindEntity(domain, "registrar");
        var abuse = (registrar is { } r ? FindEntity(r, "abuse") : null) ?? FindEntity(domain, "abuse");
        var organisation = registrar is { } named ? CardText(named, "fn") ?? CardText(named, "org") : null;
        return abuse is { } entity
            ? new RdapContact(CardText(entity, "email"), CardText(entity, "fn"), organisation, Phone(entity), Text(entity, "handle"))
            : new RdapContact(null, null, organisation, null, null);
    }

    private static JsonElement ObjectOf(JsonDocument document, string objectClassName)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The answer is not a JSON object.");
        }

        var actual = Text(root, "objectClassName");
        return string.Equals(actual, objectClassName, StringComparison.OrdinalIgnoreCase)
            ? root
            : throw new JsonException($"The answer is not an RDAP \"{objectClassName}\" object (objectClassName is {(actual is null ? "missing" : $"\"{actual}\"")}).");
    }

    /// <summary>The shallowest entity under <paramref name="owner"/> with <paramref name="role"/>, breadth first.</summary>
    private static JsonElement? FindEntity(JsonElement owner, string role)
    {
        var level = new List<JsonElement> { owner };
        for (var depth = 0; depth < 8 && level.Count > 0; depth++)
        {
            var next = new List<JsonElement>();
            foreach (var item in level)
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var entity in entities.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    if (HasRole(entity, role))
                    {
                        return entity;
                    }

                    next.Add(entity);
                }
            }

            level = next;
        }

        return null;
    }

    private static bool HasRole(JsonElement entity, string role) =>
        entity.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
        && roles.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && string.Equals(r.GetString(), role, StringComparison.OrdinalIgnoreCase));

    private static string? Phone(JsonElement entity) =>
        CardText(entity, "tel") is { } tel ? (tel.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? tel[4..] : tel) : null;

    /// <summary>The first value of a jCard property: <c>["vcard", [[name, params, type, value, ...], ...]]</c>.</summary>
    private static string? CardText(JsonElement entity, string property)
    {
        if (!entity.TryGetProperty("vcardArray", out var card) || card.ValueKind != JsonValueKind.Array || card.GetArrayLength() < 2
            || card[1].ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var line in card[1].EnumerateArray())
        {
            if (line.ValueKind == JsonValueKind.Array && line.GetArrayLength() >= 4 && line[0].ValueKind == JsonValueKind.String
                && string.Equals(line[0].GetString(), property, StringComparison.OrdinalIgnoreCase))
            {
                var value = line[3];
                var text = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).Where(v => !string.IsNullOrWhiteSpace(v))),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(text))
                {
                    return text.Trim();
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
