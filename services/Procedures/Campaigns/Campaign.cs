using Omnichannel.BuildingBlocks.PersonalData;
using FluentValidation;
using Marten.Events.Aggregation;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Contracts;

namespace Omnichannel.Procedures.Campaigns;

/// <summary>A seasonal campaign (public aid, course registration, tax bonuses): procedures offered only between two dates.</summary>
public sealed record CampaignOpened([NotPersonal] string Code, [NotPersonal] LocalizedText Names, [NotPersonal] IReadOnlyList<string> ProcedureCodes, DateOnly OpensOn, DateOnly ClosesOn, DateTimeOffset At, [NotPersonal] string By);
public sealed record CampaignClosedEarly([NotPersonal] string Code, DateOnly ClosedOn, DateTimeOffset At, [NotPersonal] string By);

public sealed record Campaign(bool Exists, DateOnly OpensOn, DateOnly ClosesOn, bool ClosedEarly = false)
{
    public static readonly Campaign Initial = new(false, default, default);

    public static string StreamKey(string code) => $"campaign:{code}";

    public static Campaign Evolve(Campaign state, object @event) => @event switch
    {
        CampaignOpened e => new(true, e.OpensOn, e.ClosesOn),
        CampaignClosedEarly e => state with { ClosesOn = e.ClosedOn, ClosedEarly = true },
        _ => state,
    };
}

public sealed record OpenCampaign(string Code, LocalizedText Names, IReadOnlyList<string> ProcedureCodes, DateOnly OpensOn, DateOnly ClosesOn, DateTimeOffset At, string By);
public sealed record CloseCampaign(string Code, DateOnly Today, DateTimeOffset At, string By);

public static class CampaignDecisions
{
    public static IReadOnlyList<object> Decide(OpenCampaign command, Campaign state, IReadOnlySet<string> publishedProcedures)
    {
        if (state.Exists) throw Rejection.Conflict($"Campaign '{command.Code}' already exists.");
        if (command.ClosesOn < command.OpensOn) throw Rejection.Invalid("closesOn", "A campaign cannot close before it opens.");
        var unknown = command.ProcedureCodes.Where(c => !publishedProcedures.Contains(c)).ToList();
        if (unknown.Count > 0) throw Rejection.Invalid("procedureCodes", $"Not published in the catalogue: {string.Join(", ", unknown)}.");
        return [new CampaignOpened(command.Code, command.Names, command.ProcedureCodes, command.OpensOn, command.ClosesOn, command.At, command.By)];
    }

    /// <summary>Closing early ends the campaign now: its last open day becomes yesterday (or, for one that
    /// has not opened yet, it never opens). A campaign already closed cannot be closed again.</summary>
    public static IReadOnlyList<object> Decide(CloseCampaign command, Campaign state)
    {
        if (!state.Exists) throw Rejection.NotFound($"There is no campaign '{command.Code}'.");
        if (state.ClosedEarly || state.ClosesOn < command.Today)
            throw Rejection.Conflict($"Campaign '{command.Code}' is already closed (last open day {state.ClosesOn:yyyy-MM-dd}).");
        var closedOn = command.Today < state.OpensOn ? state.OpensOn.AddDays(-1) : command.Today.AddDays(-1);
        return [new CampaignClosedEarly(command.Code, closedOn, command.At, command.By)];
    }
}

[NotPersonal]
public sealed class CampaignView
{
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public LocalizedText Names { get; set; } = new("", "", "");
    public List<string> ProcedureCodes { get; set; } = [];
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }

    public bool IsOpenOn(DateOnly day) => OpensOn <= day && day <= ClosesOn;
}

public sealed partial class CampaignViewProjection : SingleStreamProjection<CampaignView, string>
{
    public CampaignView Create(CampaignOpened e) => new()
    {
        Code = e.Code, Names = e.Names, ProcedureCodes = [.. e.ProcedureCodes], OpensOn = e.OpensOn, ClosesOn = e.ClosesOn,
    };

    public CampaignView Apply(CampaignClosedEarly e, CampaignView view)
    {
        view.ClosesOn = e.ClosedOn;
        return view;
    }
}

public sealed record CampaignRequest(string? Code, LocalizedText? Names, IReadOnlyList<string>? ProcedureCodes, DateOnly? OpensOn, DateOnly? ClosesOn);

public sealed class CampaignRequestValidator : AbstractValidator<CampaignRequest>
{
    public CampaignRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().Matches("^[a-z0-9]+(-[a-z0-9]+)*$").MaximumLength(60);
        RuleFor(r => r.Names).NotNull().SetValidator(new Catalogue.LocalizedTextValidator(200)!);
        RuleFor(r => r.ProcedureCodes).NotEmpty();
        RuleFor(r => r.OpensOn).NotNull();
        RuleFor(r => r.ClosesOn).NotNull();
    }
}
