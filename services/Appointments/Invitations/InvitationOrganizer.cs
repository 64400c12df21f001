namespace Omnichannel.Appointments.Invitations;

/// <summary>Configuration section "Appointments:Organizer": who sends the iCalendar invitations (RFC 5546 wants an
/// ORGANIZER on every REQUEST and CANCEL). A default council address, and per council (tenant) where one deployment
/// serves several. Public service addresses, not secrets.</summary>
public sealed class InvitationOrganizer
{
    public const string Section = "Appointments:Organizer";

    /// <summary>The council's name, used when the office is unknown.</summary>
    public string Name { get; set; } = "";

    /// <summary>The council's appointments address (mailto: of ORGANIZER).</summary>
    public string Email { get; set; } = "";

    /// <summary>Per council: its own name and address, overriding the defaults above.</summary>
    public Dictionary<string, CouncilOrganizer> Councils { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class CouncilOrganizer
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
    }

    public sealed record Resolved(string Name, string Email);

    public Resolved For(string? tenantId) =>
        tenantId is not null && Councils.TryGetValue(tenantId, out var council)
            ? new(string.IsNullOrWhiteSpace(council.Name) ? Name : council.Name, string.IsNullOrWhiteSpace(council.Email) ? Email : council.Email)
            : new(Name, Email);

    /// <summary>An address goes into a mailto: URI unescaped, so it must be a plain addr-spec (no spaces, quotes or
    /// separators that would break the content line).</summary>
    public static bool IsPlainAddress(string? email) =>
        email is { Length: > 2 and <= 254 } && email.Count(c => c == '@') == 1 && email[0] != '@' && email[^1] != '@'
        && email.All(c => c > ' ' && c < 127 && c is not ('"' or ';' or ':' or ',' or '<' or '>' or '\\' or '(' or ')' or '[' or ']'));

    public bool IsValid() =>
        !string.IsNullOrWhiteSpace(Name) && IsPlainAddress(Email)
        && Councils.Values.All(c => c.Email is null || IsPlainAddress(c.Email));
}
