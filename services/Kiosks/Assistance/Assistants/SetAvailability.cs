using FluentValidation;
using Marten;
using Omnichannel.BuildingBlocks.Auth;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.OfficeDirectory;

namespace Omnichannel.Kiosks.Assistance.Assistants;

/// <summary>A member of staff starts or stops assisting at an office's kiosks (their shift in the self-service zone).</summary>
public sealed record AvailabilityRequest(bool? Available);

public sealed class AvailabilityRequestValidator : AbstractValidator<AvailabilityRequest>
{
    public AvailabilityRequestValidator() => RuleFor(r => r.Available).NotNull();
}

public sealed record AssistantReply(string OfficeId, string StaffId, bool Available, Guid? BusyWith);

public static class SetAvailabilityEndpoint
{
    public static async Task<IResult> Handle(string officeId, AvailabilityRequest request, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await DirectoryOffices.FindAsync(session, officeId, ct) is null)
            throw Rejection.NotFound($"Office '{officeId}' is not in the office directory.");
        var staff = http.User.Subject();
        var assistant = await session.LoadAsync<OfficeAssistant>(OfficeAssistant.IdOf(officeId, staff), ct)
            ?? new OfficeAssistant { Id = OfficeAssistant.IdOf(officeId, staff), OfficeId = officeId, StaffId = staff };
        if (request.Available!.Value && !assistant.Available) assistant.FreeSince = clock.GetUtcNow();
        assistant.Available = request.Available.Value;
        session.Store(assistant);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new AssistantReply(officeId, staff, assistant.Available, assistant.BusyWith));
    }
}
