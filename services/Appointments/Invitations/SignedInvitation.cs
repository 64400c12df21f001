using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.Appointments.Booking;
using Omnichannel.Appointments.Offices;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;
using Omnichannel.Contracts.Grpc.Procedures.V1;
using LocalizedText = Omnichannel.Contracts.LocalizedText;

namespace Omnichannel.Appointments.Invitations;

/// <summary>A signed calendar link as a channel gives it to the citizen: the address (relative to the gateway) and when it stops working.</summary>
public sealed record CalendarLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Giving a citizen a calendar link that needs no login (<see cref="CalendarLinks"/>), and answering it: the
/// appointment as an iCalendar entry in the citizen's language, with the documents to bring.
/// </summary>
public static class SignedInvitationEndpoint
{
    /// <summary>A channel (the citizen web, a kiosk, messaging) asks for the link of an appointment it knows the id of.</summary>
    public static async Task<IResult> Link(Guid appointmentId, string? lang, IQuerySession session, CalendarLinks links, CancellationToken ct)
    {
        var language = Language(lang);
        _ = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(appointmentId), ct) ?? throw Rejection.NotFound("There is no such appointment.");
        var link = links.For(RequestContext.RequiredTenantId, appointmentId, language);
        return TypedResults.Ok(new CalendarLink(link.Url, link.ExpiresAt));
    }

    /// <summary>Anyone holding the link (no token): the council comes from the signed link, never from the caller.</summary>
    public static async Task<IResult> Calendar(string council, Guid appointmentId, string? lang, long? expires, string? signature,
        IDocumentStore store, CalendarLinks links, ProcedureCatalogue.ProcedureCatalogueClient catalogue, IBusinessCalendars calendars,
        IOptions<InvitationOrganizer> organizer, CancellationToken ct)
    {
        var language = Language(lang);
        if (expires is null) throw Rejection.Invalid("expires", "The link has no expiry: use the whole link you were given.");
        if (!RequestContext.IsValidTenantId(council) || links.Check(council, appointmentId, language, expires.Value, signature) == CalendarLinks.Verdict.Tampered)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The calendar link is not valid.",
                detail: "The link's signature does not match it: it was changed or cut. Use the whole link you were given.");
        if (links.Check(council, appointmentId, language, expires.Value, signature) == CalendarLinks.Verdict.Expired)
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The calendar link has expired.",
                detail: "Ask for the appointment's calendar again where you booked it.");

        using var context = RequestContext.Begin(council, RequestContext.CorrelationId);
        await using var session = store.QuerySession(council);
        var view = await session.LoadAsync<AppointmentView>(AppointmentState.StreamKey(appointmentId), ct) ?? throw Rejection.NotFound("There is no such appointment.");
        var office = await session.LoadAsync<OfficeView>(OfficeState.StreamKey(view.OfficeId), ct);
        var procedure = await ProcedureAsync(catalogue, view.ProcedureCode, ct);
        var name = procedure?.Name is { } n ? new LocalizedText(n.Ca, n.Es, n.En).In(language) : view.ProcedureCode;
        var documents = procedure?.DocumentsRequired.Select(d => new LocalizedText(d.Ca, d.Es, d.En).In(language)).Where(d => d.Length > 0).ToList() ?? [];
        var words = Words(language, view, office, name, documents);
        var text = AppointmentInvitation.Write(view, office, name, calendars.For("on-site").TimeZone, organizer.Value.For(council), words);
        return TypedResults.Text(text, AppointmentInvitation.ContentType);
    }

    /// <summary>The entry's words: "Alta al padró (C…)", the office in the language with its address, the code and
    /// the documents to bring — what the citizen needs on the day, read from their own calendar.</summary>
    public static AppointmentInvitation.InCitizensLanguage Words(string language, AppointmentView view, OfficeView? office, string procedureName, IReadOnlyList<string> documents)
    {
        var (code, bring, none) = language switch
        {
            "es" => ("Código de la cita", "Documentos que debe traer", "No hace falta traer ningún documento."),
            "en" => ("Appointment code", "Documents to bring", "You do not need to bring any document."),
            _ => ("Codi de la cita", "Documents que cal portar", "No cal portar cap document."),
        };
        var lines = new List<string> { $"{code}: {view.Code}", "" };
        if (documents.Count == 0) lines.Add(none);
        else
        {
            lines.Add($"{bring}:");
            lines.AddRange(documents.Select(d => $"- {d}"));
        }
        var where = office is null ? view.OfficeId : $"{office.Name.In(language)}, {office.Address}";
        return new(language, $"{procedureName} ({view.Code})", where, string.Join("\n", lines), procedureName);
    }

    private static string Language(string? lang) =>
        lang is { } l && LocalizedText.Languages.Contains(l) ? l
        : throw Rejection.Invalid("lang", "The language must be ca, es or en.");

    private static async Task<ProcedureReply?> ProcedureAsync(ProcedureCatalogue.ProcedureCatalogueClient catalogue, string code, CancellationToken ct)
    {
        try
        {
            return await catalogue.GetProcedureAsync(new GetProcedureRequest { Code = code }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (NeighbourUnavailable.IsOutage(e, ct))
        {
            throw new NeighbourUnavailable("procedures", e);
        }
    }
}
