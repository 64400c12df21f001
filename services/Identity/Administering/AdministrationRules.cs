using System.Security.Cryptography;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Identity.Accounts;

namespace Omnichannel.Identity.Administering;

/// <summary>What an administrator may not do to an account, decided without the store (pure, tested on its own).</summary>
public static class AdministrationRules
{
    /// <summary>An administrator never disables their own account: a council could lose its last administrator, and
    /// nobody could undo it from the console.</summary>
    public static void MayDisable(Administrator by, StaffAccount account)
    {
        if (account.Id == by.AccountId)
            throw Rejection.Conflict("You cannot disable your own account: ask another administrator.");
    }

    /// <summary>Nor takes away their own administrator role, for the same reason.</summary>
    public static void MayChangeRole(Administrator by, StaffAccount account, string role)
    {
        if (account.Id == by.AccountId && account.StaffRole == StaffRoles.Administrator && role != StaffRoles.Administrator)
            throw Rejection.Conflict("You cannot take the administrator role away from yourself: ask another administrator.");
    }

    /// <summary>16 letters and digits without look-alikes (no 0/O, 1/l/I), in groups of four: about 80 bits, easy to
    /// read out, and within the password rules (length, distinct characters).</summary>
    public static string TemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var text = RandomNumberGenerator.GetString(alphabet, 16);
        return string.Join('-', text.Chunk(4).Select(c => new string(c)));
    }
}
