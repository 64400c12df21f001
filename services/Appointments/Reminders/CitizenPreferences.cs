using Grpc.Core;
using Omnichannel.Contracts.Grpc.Citizens.V1;

namespace Omnichannel.Appointments.Reminders;

/// <summary>How to reach a citizen, asked of the citizens service: for reminders and for the council's notices.</summary>
public sealed class CitizenPreferences(CitizenDirectory.CitizenDirectoryClient citizens, ILogger<CitizenPreferences> logger)
{
    /// <summary>The citizen's language and preferred channel; Catalan and no preference when the directory does not know
    /// them. Any other failure is thrown, so the caller tries again later rather than write in the wrong language.</summary>
    public async Task<(string Language, string Channel)> OfAsync(Guid citizenId, CancellationToken ct)
    {
        try
        {
            var reply = await citizens.GetCitizenAsync(new GetCitizenRequest { CitizenId = citizenId.ToString() }, cancellationToken: ct);
            return (string.IsNullOrEmpty(reply.PreferredLanguage) ? "ca" : reply.PreferredLanguage, reply.PreferredChannel);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            logger.LogWarning("Citizen {CitizenId} of an appointment is unknown to the directory", citizenId);
            return ("ca", "");
        }
    }
}
