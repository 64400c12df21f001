using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Omnichannel.BuildingBlocks.Auth;

/// <summary>Configuration section "Auth": the symmetric signing key comes from the environment, never the repo.</summary>
public sealed class JwtSettings
{
    public const string Section = "Auth";
    public string Issuer { get; set; } = "omnichannel";
    public string Audience { get; set; } = "omnichannel";
    public string SigningKey { get; set; } = "";

    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey (environment variable Auth__SigningKey) must be set and at least 32 bytes long.");
        return new SymmetricSecurityKey(bytes);
    }
}
