namespace Omnichannel.Queues.AppointmentLine;

public sealed record AppointmentSlot(string OfficeId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The next free appointment slots for a procedure at an office, offered when a walk-in ticket is
/// refused. Answers null when the appointments service cannot be asked: the citizen is then told to book
/// an appointment, without made-up slots.</summary>
public interface IAppointmentSlots
{
    Task<IReadOnlyList<AppointmentSlot>?> NextSlotsAsync(string officeId, string procedureCode, DateTimeOffset from, int count, CancellationToken ct);
}

/// <summary>Used where no appointments service is configured (<c>Services:Appointments:Grpc</c> unset):
/// it knows no slots and says so.</summary>
public sealed class AppointmentSlotsUnavailable : IAppointmentSlots
{
    public Task<IReadOnlyList<AppointmentSlot>?> NextSlotsAsync(string officeId, string procedureCode, DateTimeOffset from, int count, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AppointmentSlot>?>(null);
}
