using System.Security.Claims;

namespace Omnichannel.BuildingBlocks.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>Who is acting, as recorded on events ("By"): the token's subject.</summary>
    public static string Subject(this ClaimsPrincipal user) => user.FindFirst("sub")?.Value ?? "anonymous";
}
