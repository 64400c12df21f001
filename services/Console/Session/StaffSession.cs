namespace Omnichannel.StaffConsole.Session;

/// <summary>A signed-in member of staff's tokens, kept here and never sent to the browser (its cookie names only
/// <see cref="Id"/>). Tokens are stored protected by the data-protection key ring.</summary>
public sealed class StaffSession
{
    public string Id { get; set; } = "";
    public string Subject { get; set; } = "";
    public string AccessToken { get; set; } = "";
    public string? RefreshToken { get; set; }
    public string? IdToken { get; set; }
    public DateTimeOffset AccessTokenExpiresAt { get; set; }
    public DateTimeOffset SignedInAt { get; set; }
}

/// <summary>What a member of staff chose, kept across sessions and browsers: the console's language.</summary>
public sealed class StaffPreferences
{
    /// <summary>The staff account's subject.</summary>
    public string Id { get; set; } = "";
    public string Language { get; set; } = "ca";
}
