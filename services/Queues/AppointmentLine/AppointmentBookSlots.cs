using System.Globalization;
using Grpc.Core;
using Omnichannel.Contracts.Grpc.Appointments.V1;

namespace Omnichannel.Queues.AppointmentLine;

/// <summary>The next free slots, asked of the appointments service over gRPC (<c>AppointmentBook.FindSlots</c>),
/// at this office only: the citizen refused a walk-in is standing in it, and both services use the office
/// directory's ids. None when the office does not give appointments for the procedure; null when the appointments
/// service does not answer in time: the walk-in refusal then says to book, without slots.</summary>
public sealed class AppointmentBookSlots(AppointmentBook.AppointmentBookClient appointments, ILogger<AppointmentBookSlots> logger) : IAppointmentSlots
{
    public async Task<IReadOnlyList<AppointmentSlot>?> NextSlotsAsync(string officeId, string procedureCode, DateTimeOffset from, int count, CancellationToken ct)
    {
        try
        {
            return await FindAsync(procedureCode, officeId, count, ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
        {
            return []; // this office does not give appointments for the procedure
        }
        catch (RpcException e)
        {
            logger.LogWarning(e, "Appointments did not answer FindSlots for {Procedure} at {Office}", procedureCode, officeId);
            return null;
        }
    }

    private async Task<IReadOnlyList<AppointmentSlot>> FindAsync(string procedureCode, string officeId, int count, CancellationToken ct)
    {
        var reply = await appointments.FindSlotsAsync(new FindSlotsRequest { ProcedureCode = procedureCode, OfficeId = officeId }, cancellationToken: ct);
        return reply.Slots.Where(s => s.Free > 0).Take(count)
            .Select(s => new AppointmentSlot(s.OfficeId, Instant(s.StartsAt), Instant(s.EndsAt))).ToList();
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
