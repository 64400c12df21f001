using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.Following;
using Omnichannel.Incidents.Merging;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Reporting;
using Omnichannel.Incidents.Sla;
using Omnichannel.Incidents.Workflow.Resolving;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>Categories at report time, "already reported nearby" at its distance boundary, following and the outcome told to followers.</summary>
public sealed class NearbyTests
{
    private static readonly DateTimeOffset Monday9 = Madrid(2026, 11, 23, 9);
    private static readonly DateTimeOffset Monday10 = Madrid(2026, 11, 23, 10);
    private static readonly IncidentCategory Pothole = CategoryCatalogue.Demo.Single(c => c.Code == "pothole");
    private static readonly IncidentCategory Noise = CategoryCatalogue.Demo.Single(c => c.Code == "noise");
    private static readonly Guid Neighbour = Guid.Parse("99999999-8888-7777-6666-555555555555");

    private static Scenario<Incident> Given(params object[] events) => Scenario<Incident>.Given(Incident.Initial, Incident.Evolve, events);

    private static ReportIncident Complaint(string? category, IncidentLocation? location) =>
        new(Ref, IncidentKinds.Complaint, "A hole in the road.", null, null, location, Monday9, category);

    [Fact]
    public void A_report_in_a_category_that_needs_a_location_without_one_is_invalid_naming_the_location()
    {
        var refused = Given().When(s => ReportIncidentDecision.Decide(Complaint("pothole", null), s, false, Question, "on-site", OnSite, Pothole)).ThenInvalid("location");
        Assert.Contains("pothole", refused.Message);
        var noise = (IncidentReported)Assert.Single(Given().When(s => ReportIncidentDecision.Decide(Complaint("noise", null), s, false, Question, "on-site", OnSite, Noise)).Events);
        Assert.Equal("noise", Incident.Evolve(Incident.Initial, noise).Category);
    }

    [Fact]
    public void A_report_in_a_category_the_council_does_not_have_is_invalid_naming_the_category()
    {
        Given().When(s => ReportIncidentDecision.Decide(Complaint("dragons", new IncidentLocation(41.5, 2.4, null)), s, false, Question, "on-site", OnSite, null))
            .ThenInvalid("category");
    }

    [Fact]
    public void One_degree_of_latitude_is_about_111_kilometres()
    {
        Assert.Equal(111_195, Nearby.HaversineMeters(41, 2, 42, 2), precision: 0);
        Assert.Equal(0, Nearby.HaversineMeters(41.54, 2.44, 41.54, 2.44));
    }

    [Fact]
    public void An_open_incident_exactly_at_the_distance_is_nearby_and_one_a_millimetre_further_is_not()
    {
        var here = (Lat: 41.5381, Lon: 2.4445);
        var there = (Id: Guid.NewGuid(), Lat: 41.5385, Lon: 2.4445);
        var exact = Nearby.HaversineMeters(here.Lat, here.Lon, there.Lat, there.Lon);
        Assert.InRange(exact, 44, 45); // 0.0004° of latitude

        var atBoundary = Assert.Single(Nearby.Match(here.Lat, here.Lon, [(there.Id, there.Lat, there.Lon)], withinMeters: exact));
        Assert.Equal((there.Id, exact), (atBoundary.IncidentId, atBoundary.DistanceMeters));
        Assert.Empty(Nearby.Match(here.Lat, here.Lon, [(there.Id, there.Lat, there.Lon)], withinMeters: exact - 0.001));
    }

    [Fact]
    public void Nearby_incidents_come_nearest_first()
    {
        var (far, near, outside) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var matched = Nearby.Match(41.5381, 2.4445, [(far, 41.5384, 2.4445), (near, 41.5382, 2.4445), (outside, 41.6, 2.4445)], 50);
        Assert.Equal([near, far], matched.Select(m => m.IncidentId));
    }

    [Fact]
    public void A_citizen_follows_an_open_incident_once_and_the_reporter_cannot_follow_their_own()
    {
        var reported = Examples.Reported(Monday9);
        Given(reported).When(s => FollowIncidentDecision.Decide(new FollowIncident(Neighbour, "whatsapp", Monday10), s))
            .Then(new IncidentFollowed(Ref, Neighbour, "whatsapp", Monday10));
        var followed = new IncidentFollowed(Ref, Neighbour, "whatsapp", Monday10);
        Assert.Contains("already follows", Given(reported, followed)
            .When(s => FollowIncidentDecision.Decide(new FollowIncident(Neighbour, "online", Monday10), s)).ThenRejected(RejectionKind.Conflict).Message);
        Given(reported).When(s => FollowIncidentDecision.Decide(new FollowIncident(Ref.CitizenId!.Value, "online", Monday10), s)).ThenRejected(RejectionKind.Conflict);
    }

    [Fact]
    public void Resolving_tells_every_follower_the_outcome()
    {
        var reported = Examples.Reported(Monday9);
        var followed = new IncidentFollowed(Ref, Neighbour, "whatsapp", Monday10);
        var events = Given(reported, followed).When(s => ResolveIncidentDecision.Decide(new ResolveIncident("Filled in.", Monday10, "staff-ana"), s, OnSite)).Events;
        Assert.IsType<IncidentResolved>(events[0]);
        Assert.Equal(new OutcomeToldToFollower(Ref, Neighbour, "Filled in.", Monday10), Assert.Single(events.Skip(1)));
    }

    [Fact]
    public void Merging_ends_the_duplicate_and_its_reporter_and_followers_follow_the_kept_one()
    {
        var keptRef = Ref with { IncidentId = Guid.NewGuid(), Code = "N2222-22222", CitizenId = Guid.NewGuid() };
        var kept = Examples.Given(Examples.Reported(Monday9) with { Ref = keptRef });
        var other = Guid.NewGuid();
        var duplicate = Examples.Given(Examples.Reported(Monday9), new IncidentFollowed(Ref, other, "online", Monday9));

        var merged = MergeIncidentDecision.Decide(new MergeIncident(Monday10, "staff-ana"), kept, duplicate);
        Assert.Equal([new IncidentFollowed(keptRef, Ref.CitizenId!.Value, Ref.Channel, Monday10, Ref.Code), new IncidentFollowed(keptRef, other, Ref.Channel, Monday10, Ref.Code)],
            merged.Kept);
        Assert.Equal([new IncidentMerged(Ref, keptRef.IncidentId, keptRef.Code, Monday10, "staff-ana")], merged.Duplicate);
        Assert.Equal(IncidentStatus.Closed, merged.Duplicate.Aggregate(duplicate, Incident.Evolve).Status);
    }

    [Fact]
    public void A_resolved_duplicate_or_the_incident_itself_cannot_be_merged()
    {
        var reported = Examples.Reported(Monday9);
        var state = Examples.Given(reported);
        Assert.Equal(RejectionKind.Conflict, Assert.Throws<Rejection>(() => MergeIncidentDecision.Decide(new MergeIncident(Monday10, "a"), state, state)).Kind);
        var keptRef = Ref with { IncidentId = Guid.NewGuid() };
        var resolved = Examples.Given(reported, new IncidentResolved(Ref, "Done.", reported.Sla, Monday10, "a"));
        var refused = Assert.Throws<Rejection>(() => MergeIncidentDecision.Decide(new MergeIncident(Monday10, "a"), Examples.Given(reported with { Ref = keptRef }), resolved));
        Assert.Contains("already resolved", refused.Message);
    }
}
