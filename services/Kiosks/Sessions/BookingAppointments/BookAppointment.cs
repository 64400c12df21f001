using System.Globalization;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Appointments.V1;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using LocalizedText = Omnichannel.Contracts.LocalizedText;
using Omnichannel.Kiosks.Access;
using Omnichannel.Kiosks.Neighbours;

namespace Omnichannel.Kiosks.Sessions.BookingAppointments;

/// <summary><c>startsAt</c>: a slot's start as <c>appointment-slots</c> gave it; <c>officeId</c>: where (none: the
/// kiosk's own office; another office the citizen chose among <c>appointment-offices</c>).</summary>
public sealed record BookAppointmentRequest(string? ProcedureCode, DateTimeOffset? StartsAt, string? OfficeId = null);

public sealed class BookAppointmentRequestValidator : AbstractValidator<BookAppointmentRequest>
{
    public BookAppointmentRequestValidator()
    {
        RuleFor(r => r.ProcedureCode).NotEmpty().MaximumLength(60).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("A procedure code, e.g. 'census-certificate'.");
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.OfficeId).MaximumLength(60).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").When(r => r.OfficeId is not null).WithMessage("An office id, e.g. 'connecta-space'.");
    }
}

/// <summary>The booked appointment: its code (what the citizen shows or types to check in), where and when.</summary>
public sealed record BookedAppointment(string Code, string OfficeId, string ProcedureCode, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);

public sealed record KioskSlot(DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Free);

public sealed record KioskSlots(string OfficeId, string ProcedureCode, int SlotMinutes, IReadOnlyList<KioskSlot> Slots);

/// <summary>An office that has free slots for the procedure: its name in ca/es/en, whether it is the kiosk's own, and
/// its first free slot.</summary>
public sealed record KioskAppointmentOffice(string OfficeId, LocalizedText Name, bool Own, DateTimeOffset FirstFree, int FreeSlots);

/// <summary>Where the procedure can be booked: the kiosk's own office first, then the others by their first free slot.</summary>
public sealed record KioskAppointmentOffices(string ProcedureCode, IReadOnlyList<KioskAppointmentOffice> Items);

/// <summary>A procedure the catalogue offers by appointment, as the kiosk lists it.</summary>
public sealed record KioskAppointmentProcedure(string Code, string Category, LocalizedText Name);

public sealed record KioskAppointmentProcedures(IReadOnlyList<KioskAppointmentProcedure> Items);

public static class BookAppointmentEndpoint
{
    public static async Task<IResult> Handle(string kioskId, Guid sessionId, BookAppointmentRequest request, IDocumentSession session, IServiceProvider services,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var own = KioskIdentity.Of(http.User)!;
        var key = SessionsState.StreamKey(own.KioskId);
        var (state, _) = await session.LoadAsync(key, SessionsState.Initial, SessionsState.Evolve, ct);
        var citizen = SessionDecisions.CitizenToBookFor(state, sessionId);

        var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
        var reply = await NeighbourCalls.CallAsync("appointments", async () => await book.BookAsync(new BookRequest
        {
            CitizenId = citizen.ToString(), ProcedureCode = request.ProcedureCode!, OfficeId = request.OfficeId ?? own.OfficeId,
            StartsAt = request.StartsAt!.Value.ToString("O", CultureInfo.InvariantCulture), Channel = Channels.Kiosk,
        }, cancellationToken: ct), ct);

        var command = new RecordAction(own.KioskId, sessionId, SessionAction.AppointmentBooked, reply.Code, clock.GetUtcNow(), IssuedWhileOpen: true);
        await session.DecideAndAppendAsync(key, SessionsState.Initial, SessionsState.Evolve, s => SessionDecisions.Decide(command, s), ct);
        return TypedResults.Created($"/api/appointments/by-code/{reply.Code}", new BookedAppointment(reply.Code, reply.OfficeId, reply.ProcedureCode,
            Instant(reply.StartsAt), Instant(reply.EndsAt), reply.Status));
    }

    /// <summary>Free slots for a procedure at the kiosk's own office, or <c>officeId</c> (from today, or
    /// <c>from</c>/<c>to</c>, local dates).</summary>
    public static async Task<IResult> Slots(string kioskId, string? procedureCode, string? officeId, DateOnly? from, DateOnly? to, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(procedureCode)) throw BuildingBlocks.Domain.Rejection.Invalid("procedureCode", "Say which procedure the appointment is for.");
        var own = KioskIdentity.Of(http.User)!;
        var office = string.IsNullOrWhiteSpace(officeId) ? own.OfficeId : officeId;
        var reply = await FindAsync(services, procedureCode, office, from, to, ct);
        return TypedResults.Ok(new KioskSlots(office, procedureCode, reply.SlotMinutes,
            [.. reply.Slots.Where(s => s.OfficeId == office).Select(s => new KioskSlot(Instant(s.StartsAt), Instant(s.EndsAt), s.Free))]));
    }

    /// <summary>The offices with free slots for a procedure in the coming days, the kiosk's own first (the citizen
    /// chooses; most will stay where they are).</summary>
    public static async Task<IResult> Offices(string kioskId, string? procedureCode, IServiceProvider services, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(procedureCode)) throw BuildingBlocks.Domain.Rejection.Invalid("procedureCode", "Say which procedure the appointment is for.");
        var own = KioskIdentity.Of(http.User)!;
        var reply = await FindAsync(services, procedureCode, "", null, null, ct);
        var offices = new List<KioskAppointmentOffice>();
        foreach (var group in reply.Slots.Where(s => s.Free > 0).GroupBy(s => s.OfficeId))
        {
            var name = await BuildingBlocks.OfficeDirectory.DirectoryOffices.NameOfAsync(session, group.Key, ct);
            offices.Add(new KioskAppointmentOffice(group.Key, name, group.Key == own.OfficeId, group.Min(s => Instant(s.StartsAt)), group.Count()));
        }
        return TypedResults.Ok(new KioskAppointmentOffices(procedureCode,
            [.. offices.OrderByDescending(o => o.Own).ThenBy(o => o.FirstFree).ThenBy(o => o.OfficeId, StringComparer.Ordinal)]));
    }

    /// <summary>What can be booked: the catalogue's procedures given by appointment, not withdrawn, in season.</summary>
    public static async Task<IResult> Procedures(string kioskId, IServiceProvider services, CancellationToken ct)
    {
        var catalogue = NeighbourCalls.Require<ProcedureCatalogue.ProcedureCatalogueClient>(services, "procedures");
        var reply = await NeighbourCalls.CallAsync("procedures", async () => await catalogue.ListProceduresAsync(
            new ListProceduresRequest { Channel = Channels.Appointment, InSeasonOnly = true }, cancellationToken: ct), ct);
        return TypedResults.Ok(new KioskAppointmentProcedures([.. reply.Procedures
            .Where(p => !p.Withdrawn && p.Channels.Contains(Channels.Appointment))
            .Select(p => new KioskAppointmentProcedure(p.Code, p.Category, new LocalizedText(p.Name.Ca, p.Name.Es, p.Name.En)))]));
    }

    private static async Task<FindSlotsReply> FindAsync(IServiceProvider services, string procedureCode, string officeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var book = NeighbourCalls.Require<AppointmentBook.AppointmentBookClient>(services, "appointments");
        return await NeighbourCalls.CallAsync("appointments", async () => await book.FindSlotsAsync(new FindSlotsRequest
        {
            ProcedureCode = procedureCode, OfficeId = officeId,
            From = from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", To = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        }, cancellationToken: ct), ct);
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
