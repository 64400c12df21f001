using Omnichannel.Contracts;
using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Calendar;
using Omnichannel.BuildingBlocks.Clients;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Reporting;

public sealed record LocationRequest(double? Latitude, double? Longitude, string? Address);

/// <param name="Attributes">The category's attributes by code (e.g. <c>pole_number</c> of a streetlight, see
/// <c>GET /api/incidents/categories</c>); codes the category does not have are ignored.</param>
public sealed record ReportIncidentRequest(string? Kind, string? Channel, string? Description, Guid? CitizenId,
    string? ProcedureCode, string? CaseCode, LocationRequest? Location, string? Category = null, Dictionary<string, string>? Attributes = null);

public sealed class ReportIncidentRequestValidator : AbstractValidator<ReportIncidentRequest>
{
    public ReportIncidentRequestValidator()
    {
        RuleFor(r => r.Kind).NotEmpty().Must(k => k is null || IncidentKinds.All.Contains(k))
            .WithMessage($"Unknown kind; use one of: {string.Join(", ", IncidentKinds.All)}.");
        RuleFor(r => r.Channel).NotEmpty().Must(c => c is null || Channels.IsKnown(c))
            .WithMessage(Channels.UnknownMessage);
        RuleFor(r => r.Description).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Say what happened, or what you want to ask or suggest.");
        RuleFor(r => r.CitizenId).Must(id => id != Guid.Empty).When(r => r.CitizenId is not null).WithMessage("Not a citizen id.");
        RuleFor(r => r.CitizenId).NotNull().When(r => r.Kind is not null && IncidentKinds.All.Contains(r.Kind) && !IncidentKinds.MayBeAnonymous(r.Kind))
            .WithMessage("Only complaints and suggestions may be reported anonymously: say which citizen reports it.");
        RuleFor(r => r.ProcedureCode).NotEmpty().When(r => r.Kind == IncidentKinds.L2OnlineProcedure)
            .WithMessage("Say which procedure the problem is with.");
        RuleFor(r => r.ProcedureCode).MaximumLength(100);
        RuleFor(r => r.Category).MaximumLength(60);
        RuleFor(r => r.Attributes).Must(a => a is null || a.Count <= 20).WithMessage("At most 20 attributes.");
        RuleFor(r => r.CaseCode).Must(c => c is null || PersonalCode.Tracking.Read(c).Reading == CodeReading.Valid)
            .WithMessage($"Not a case tracking code (it looks like {PersonalCode.Tracking.Shape}).");
        RuleFor(r => r.CaseCode).Null().When(r => r.Kind != IncidentKinds.L2OnlineProcedure)
            .WithMessage("A case code goes only with a problem with an online procedure (l2-online-procedure).");
        RuleFor(r => r.Location!.Latitude).InclusiveBetween(-90, 90).When(r => r.Location?.Latitude is not null)
            .OverridePropertyName("location.latitude").WithMessage("A latitude lies between -90 and 90.");
        RuleFor(r => r.Location!.Longitude).InclusiveBetween(-180, 180).When(r => r.Location?.Longitude is not null)
            .OverridePropertyName("location.longitude").WithMessage("A longitude lies between -180 and 180.");
        RuleFor(r => r.Location).Must(l => (l!.Latitude is null) == (l.Longitude is null)).When(r => r.Location is not null)
            .WithMessage("Give both the latitude and the longitude, or neither.");
        RuleFor(r => r.Location).Must(l => l!.Latitude is not null || !string.IsNullOrWhiteSpace(l.Address)).When(r => r.Location is not null)
            .WithMessage("A location is coordinates (latitude and longitude) or an address.");
        RuleFor(r => r.Location!.Address).MaximumLength(500).When(r => r.Location is not null).OverridePropertyName("location.address");
    }
}

/// <param name="MediaUrl">Where an Open311 client keeps a photo of it (its <c>media_url</c>), as given.</param>
/// <param name="Attributes">Values of the category's attributes by code, as given (read by the decision).</param>
public sealed record ReportIncident(IncidentRef Ref, string Kind, string Description, string? ProcedureCode, string? CaseCode,
    IncidentLocation? Location, DateTimeOffset At, string? Category = null, string? MediaUrl = null, IReadOnlyDictionary<string, string>? Attributes = null);

public static class ReportIncidentDecision
{
    /// <summary>A report opens the incident and starts its clocks on the channel's calendar. A problem with an online
    /// procedure names a procedure the catalogue has (<paramref name="procedureKnown"/>).</summary>
    public static IReadOnlyList<object> Decide(ReportIncident command, Incident state, bool procedureKnown, SlaRules rules, string calendarName, BusinessCalendar calendar,
        IncidentCategory? category = null)
    {
        if (command.Category is not null && category?.Code != command.Category)
            throw Rejection.Invalid("category", $"There is no category '{command.Category}' in the council's catalogue.");
        if (category is { LocationRequired: true } && command.Location is null)
            throw Rejection.Invalid("location", $"A report of '{category.Code}' must say where it is (coordinates or an address).");
        var attributes = ReadAttributes(command.Attributes, category);
        if (state.Exists) throw Rejection.Conflict("This incident was already reported.");
        if (command.ProcedureCode is not null && !procedureKnown)
            throw Rejection.Invalid("procedureCode", $"There is no procedure '{command.ProcedureCode}' in the catalogue.");
        return [new IncidentReported(command.Ref, command.Kind, command.Description, command.ProcedureCode, command.CaseCode, command.Location,
            calendarName, IncidentSla.Start(rules, command.At, calendar), command.At, command.Category, command.MediaUrl, attributes)];
    }

    /// <summary>The category's attributes the report gives, each read by its datatype; a required one missing is a
    /// rejection naming <c>attribute[code]</c>. Codes the category does not have are left out: Open311 clients send
    /// attributes of their own.</summary>
    private static IReadOnlyList<ReportedAttribute>? ReadAttributes(IReadOnlyDictionary<string, string>? given, IncidentCategory? category)
    {
        if (category is null || category.Attributes.Count == 0) return null;
        var read = new List<ReportedAttribute>();
        foreach (var attribute in category.Attributes)
        {
            var value = given?.GetValueOrDefault(attribute.Code);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (attribute.Required) throw Rejection.Invalid(attribute.Field, $"{attribute.Description.En}: required for a report of '{category.Code}'.");
                continue;
            }
            read.Add(new ReportedAttribute(attribute.Code, attribute.Read(value)));
        }
        return read.Count == 0 ? null : read;
    }
}

/// <summary>POST /api/incidents: from any channel; the reporter gets a personal incident code.</summary>
public static class ReportIncidentEndpoint
{
    public static async Task<IResult> Handle(ReportIncidentRequest request, IDocumentSession session, CitizenDirectoryCheck citizens,
        ProcedureCatalogueClient catalogue, SlaRulebook rulebook, CategoryCatalogue categories, TimeProvider clock, CancellationToken ct)
    {
        // An incident for a citizen the council does not know would never reach anyone's history.
        if (request.CitizenId is { } citizenId) await citizens.EnsureExistsAsync(citizenId, ct);
        var procedureCode = string.IsNullOrWhiteSpace(request.ProcedureCode) ? null : request.ProcedureCode.Trim();
        var procedureKnown = procedureCode is not null && await catalogue.FindAsync(procedureCode, ct) is not null;
        var location = request.Location is { } l
            ? new IncidentLocation(l.Latitude, l.Longitude, string.IsNullOrWhiteSpace(l.Address) ? null : l.Address.Trim())
            : null;
        var command = new ReportIncident(
            new IncidentRef(Guid.NewGuid(), PersonalCode.Incident.New(), request.CitizenId, request.Channel!),
            request.Kind!, request.Description!.Trim(), procedureCode,
            request.CaseCode is null ? null : PersonalCode.Tracking.Normalize(request.CaseCode), location, clock.GetUtcNow(),
            string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim(), Attributes: request.Attributes);
        var (result, nearby) = await ReportAsync(command, procedureKnown, RequestContext.TenantId ?? session.TenantId, session, rulebook, categories, ct);
        return TypedResults.Created($"/api/incidents/by-code/{command.Ref.Code}", new ReportedReply(
            command.Ref.IncidentId, command.Ref.Code, result.State.Status, result.State.Sla.FirstAnswer?.DueAt, result.Version, nearby));
    }

    /// <summary>Decides and stores a report in <paramref name="council"/>, with the open incidents nearby (also for Open311).</summary>
    public static async Task<(StreamAppends.Decided<Incident> Result, IReadOnlyList<NearbyIncident> Nearby)> ReportAsync(ReportIncident command,
        bool procedureKnown, string council, IDocumentSession session, SlaRulebook rulebook, CategoryCatalogue categories, CancellationToken ct)
    {
        var category = command.Category is null ? null : categories.Find(council, command.Category);
        var calendarName = rulebook.CalendarNameFor(command.Ref.Channel);
        var rules = rulebook.For(council, command.Kind);
        // Looked for before the report is stored, so the new one never matches itself.
        var nearby = await NearbyAsync(session, command, categories.NearbyMeters(council), ct);
        var result = await session.DecideAndAppendAsync(Incident.StreamKey(command.Ref.IncidentId), Incident.Initial, Incident.Evolve,
            state => ReportIncidentDecision.Decide(command, state, procedureKnown, rules, calendarName, rulebook.Calendar(calendarName), category), ct);
        return (result, nearby);
    }

    /// <summary>Open incidents of the same category within the council's distance of a located report.</summary>
    private static async Task<IReadOnlyList<NearbyIncident>> NearbyAsync(IQuerySession session, ReportIncident command, double withinMeters, CancellationToken ct)
    {
        if (command.Category is not { } category || command.Location is not { Latitude: { } lat, Longitude: { } lon }) return [];
        var open = await session.Query<IncidentView>()
            .Where(i => i.Category == category && i.Status != IncidentStatus.Resolved && i.Status != IncidentStatus.Closed && i.Location != null)
            .ToListAsync(ct);
        return Nearby.Match(lat, lon, open.Where(i => i.Location is { Latitude: not null, Longitude: not null })
            .Select(i => (i.IncidentId, i.Location!.Latitude!.Value, i.Location.Longitude!.Value)), withinMeters);
    }

    /// <summary><paramref name="Nearby"/>: open incidents of the same category close by, nearest first — the citizen may
    /// follow one of them (POST /api/incidents/{incidentId}/followers) instead.</summary>
    public sealed record ReportedReply(Guid IncidentId, string Code, IncidentStatus Status, DateTimeOffset? FirstAnswerDueAt, long Version,
        IReadOnlyList<NearbyIncident> Nearby);
}
