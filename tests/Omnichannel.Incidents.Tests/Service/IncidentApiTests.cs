using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.Contracts.Grpc.Incidents.V1;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>The incidents service on its own ports: reporting from any channel, the public look-up by code, the staff
/// workflow and inbox, and gRPC GetByCode for the platform's services only.</summary>
public sealed class IncidentApiTests(IncidentsPlatform platform) : IClassFixture<IncidentsPlatform>
{
    private static object Report(string kind = "l1-question", Guid? citizenId = null, string channel = "email", string? procedureCode = null,
        object? location = null, string description = "Where do I find the census certificate?") =>
        new { kind, channel, description, citizenId, procedureCode, location };

    private async Task<(Guid Id, string Code)> ReportAsync(object body)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("code").GetString()!);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_citizen_reports_a_question_and_anyone_holding_the_code_sees_where_it_stands_but_no_staff_only_field()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var (_, code) = await ReportAsync(Report(citizenId: citizen, location: new { latitude = 41.54, longitude = 2.44, address = "Plaça de l'Ajuntament 1" }));
        Assert.Equal(CodeReading.Valid, PersonalCode.Incident.Read(code).Reading);
        Assert.StartsWith("N", code);

        // Typed as people type it: lower case, without the hyphen.
        var response = await platform.AsChannelApp().GetAsync($"/api/incidents/by-code/{code.ToLowerInvariant().Replace("-", "")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, view.GetProperty("code").GetString());
        Assert.Equal("new", view.GetProperty("status").GetString());
        Assert.Equal("reported", view.GetProperty("steps")[0].GetProperty("name").GetString());
        foreach (var hidden in new[] { "citizenId", "description", "location", "team", "agent", "sla", "priority", "census", "41.54", citizen.ToString() })
            Assert.DoesNotContain(hidden, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Only_complaints_and_suggestions_may_be_anonymous()
    {
        var refused = await ProblemAsync(await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", Report()), HttpStatusCode.BadRequest);
        Assert.Contains("anonymously", refused.GetProperty("errors").GetProperty("citizenId")[0].GetString());

        await ReportAsync(Report(kind: "complaint", description: "The streetlight in front of number 12 is broken."));
        await ReportAsync(Report(kind: "suggestion", description: "More benches in the park."));
    }

    [Theory]
    [InlineData("kind", """{"kind":"rant","channel":"email","description":"x","citizenId":null}""")]
    [InlineData("channel", """{"kind":"complaint","channel":"pigeon","description":"x"}""")]
    [InlineData("description", """{"kind":"complaint","channel":"email","description":"   "}""")]
    [InlineData("location.latitude", """{"kind":"complaint","channel":"email","description":"x","location":{"latitude":91,"longitude":2}}""")]
    [InlineData("location.longitude", """{"kind":"complaint","channel":"email","description":"x","location":{"latitude":41,"longitude":-181}}""")]
    [InlineData("location", """{"kind":"complaint","channel":"email","description":"x","location":{"latitude":41}}""")]
    [InlineData("location", """{"kind":"complaint","channel":"email","description":"x","location":{}}""")]
    [InlineData("procedureCode", """{"kind":"l2-online-procedure","channel":"online","description":"x","citizenId":"5f0c7c43-3c3a-4d0e-8d1e-0b8d4a3b2c1d"}""")]
    [InlineData("caseCode", """{"kind":"complaint","channel":"email","description":"x","caseCode":"T0000-00000"}""")]
    public async Task A_report_with_a_bad_field_is_a_400_naming_it(string field, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(await platform.AsChannelApp().PostAsync("/api/incidents", content), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors.{field} expected in {problem}");
    }

    [Fact]
    public async Task A_problem_with_an_online_procedure_names_a_procedure_of_the_catalogue()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var unknown = await ProblemAsync(await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            Report(kind: "l2-online-procedure", citizenId: citizen, channel: "online", procedureCode: "no-such-procedure")), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("procedureCode", out _));

        await ReportAsync(Report(kind: "l2-online-procedure", citizenId: citizen, channel: "online", procedureCode: "census-registration",
            description: "The form stops at the second step."));
    }

    [Fact]
    public async Task A_typo_in_a_code_is_a_400_and_a_code_nobody_was_given_a_404()
    {
        var (_, code) = await ReportAsync(Report(kind: "suggestion"));
        var typo = code[..^1] + (code[^1] == '0' ? '1' : '0');
        var problem = await ProblemAsync(await platform.AsChannelApp().GetAsync($"/api/incidents/by-code/{typo}"), HttpStatusCode.BadRequest);
        Assert.Contains("typo", problem.GetProperty("errors").GetProperty("code")[0].GetString());

        await ProblemAsync(await platform.AsChannelApp().GetAsync($"/api/incidents/by-code/{PersonalCode.Incident.New()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await platform.AsChannelApp(tenant: "el-prat").GetAsync($"/api/incidents/by-code/{code}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Staff_take_an_incident_through_its_workflow_the_citizen_answers_by_code_and_a_step_that_does_not_fit_is_a_409_naming_why()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var (id, code) = await ReportAsync(Report(kind: "technical-incident", citizenId: citizen, channel: "online", description: "The e-office does not load."));
        var staff = platform.AsStaff();

        Assert.Equal(HttpStatusCode.Forbidden, (await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/{id}/triage",
            new { category = "e-office", kind = "technical-incident", priority = "high" })).StatusCode);

        async Task<JsonElement> Step(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var response = await staff.PostAsJsonAsync($"/api/incidents/{id}/{path}", body ?? new { });
            Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        Assert.Equal("in-progress", (await Step("triage", new { category = "e-office", kind = "technical-incident", priority = "high" })).GetProperty("status").GetString());
        await Step("assignment", new { team = "e-office", agent = "joan" });
        Assert.Equal("awaiting-citizen", (await Step("information-request", new { question = "Which browser do you use?" })).GetProperty("status").GetString());
        var waiting = await Step("answer", new { answer = "Try again." }, HttpStatusCode.Conflict);
        Assert.Contains("waiting for the citizen", waiting.GetProperty("detail").GetString());

        var given = await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/information", new { information = "Firefox 140.", channel = "whatsapp" });
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal("in-progress", (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        await Step("answer", new { answer = "We are on it." });
        await Step("escalation", new { note = "Needs the platform team." });
        await Step("resolution", new { resolution = "Fixed: the certificate was renewed." });
        await Step("closing", null);
        var closed = await Step("answer", new { answer = "One more thing." }, HttpStatusCode.Conflict);
        Assert.Equal("The incident is closed: it cannot be answered.", closed.GetProperty("detail").GetString());
        var reopen = await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/reopening", new { reason = "It fails again.", channel = "phone" });
        Assert.Contains("closed", (await ProblemAsync(reopen, HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var full = await staff.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        Assert.Equal(["reported", "triaged", "assigned", "information-requested", "information-provided", "answered", "escalated", "resolved", "closed"],
            full.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("back-office", full.GetProperty("team").GetString());
        Assert.Equal(citizen, full.GetProperty("citizenId").GetGuid());

        // Every step reached the bus for the citizen's history and messaging, each with only what the citizen was told.
        var steps = await platform.ReceivedAsync("IncidentProgressed", id, atLeast: 8);
        static string? Message(JsonElement step) => step.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        Assert.Contains(steps, s => s.GetProperty("step").GetString() == "information-requested" && Message(s) == "Which browser do you use?");
        Assert.DoesNotContain(steps, s => Message(s)?.Contains("platform team") == true);
    }

    [Fact]
    public async Task The_citizen_rates_a_resolved_incident_once_by_code_on_any_channel_and_a_second_rating_is_a_409_saying_why()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var (id, code) = await ReportAsync(Report(kind: "complaint", citizenId: citizen, description: "The bin was not emptied."));
        var rate = (object body) => platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/rating", body);

        var early = await ProblemAsync(await rate(new { rating = 5, channel = "whatsapp" }), HttpStatusCode.Conflict);
        Assert.Contains("not resolved yet", early.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/resolution", new { resolution = "Emptied." })).StatusCode);

        foreach (var (bad, field) in new[] { ((object)new { rating = 0, channel = "online" }, "rating"), (new { rating = 6, channel = "online" }, "rating"),
                     (new { rating = 3, channel = "pigeon" }, "channel"), (new { rating = 3 }, "channel") })
            Assert.True((await ProblemAsync(await rate(bad), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), $"errors.{field}");

        Assert.Equal(HttpStatusCode.OK, (await rate(new { rating = 4, comment = "Quick, thanks.", channel = "whatsapp" })).StatusCode);
        var again = await ProblemAsync(await rate(new { rating = 1, channel = "phone" }), HttpStatusCode.Conflict);
        Assert.Equal("The incident has already been rated: it can be rated only once.", again.GetProperty("detail").GetString());

        var full = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        Assert.Equal((4, "Quick, thanks."), (full.GetProperty("rating").GetInt32(), full.GetProperty("ratingComment").GetString()));
        var rated = Assert.Single(await platform.ReceivedAsync("IncidentRated", id));
        Assert.Equal((4, "whatsapp", citizen), (rated.GetProperty("rating").GetInt32(), rated.GetProperty("channel").GetString(), rated.GetProperty("citizenId").GetGuid()));
        Assert.DoesNotContain("Quick", rated.GetRawText()); // the comment stays with the incidents service
    }

    [Fact]
    public async Task A_pothole_reported_near_an_open_one_is_offered_to_follow_and_staff_merge_a_duplicate_whose_reporter_hears_of_the_outcome()
    {
        var categories = await platform.AsChannelApp().GetFromJsonAsync<JsonElement>("/api/incidents/categories");
        var pothole = categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "pothole");
        Assert.True(pothole.GetProperty("locationRequired").GetBoolean());
        Assert.Equal("Sot a la calçada", pothole.GetProperty("name").GetProperty("ca").GetString());

        var noWhere = await ProblemAsync(await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            new { kind = "complaint", channel = "online", description = "A hole.", category = "pothole" }), HttpStatusCode.BadRequest);
        Assert.True(noWhere.GetProperty("errors").TryGetProperty("location", out _), noWhere.ToString());
        var unknown = await ProblemAsync(await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            new { kind = "complaint", channel = "online", description = "A hole.", category = "dragons" }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("category", out _), unknown.ToString());

        // A spot of our own (other tests report too): 0.0003° of latitude is about 33 m, within the default 50 m.
        var lat = 41.0 + Random.Shared.NextDouble() / 10;
        async Task<JsonElement> Pothole(double latitude, Guid? citizen = null, string category = "pothole")
        {
            var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", new
            {
                kind = "complaint", channel = "whatsapp", description = "A hole in the road.", citizenId = citizen, category,
                location = new { latitude, longitude = 2.44 },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        var first = await Pothole(lat, await platform.RegisterCitizenAsync());
        Assert.Empty(first.GetProperty("nearby").EnumerateArray());
        Assert.Empty((await Pothole(lat + 0.0003, category: "graffiti")).GetProperty("nearby").EnumerateArray()); // another category
        Assert.Empty((await Pothole(lat + 0.001)).GetProperty("nearby").EnumerateArray()); // about 111 m away

        var reporter = await platform.RegisterCitizenAsync();
        var second = await Pothole(lat + 0.0003, reporter);
        var offered = Assert.Single(second.GetProperty("nearby").EnumerateArray(), n => n.GetProperty("incidentId").GetGuid() == first.GetProperty("incidentId").GetGuid());
        Assert.False(offered.TryGetProperty("code", out _)); // the code would let a stranger act for the reporter
        Assert.InRange(offered.GetProperty("distanceMeters").GetDouble(), 33, 34);

        var neighbour = await platform.RegisterCitizenAsync();
        var follow = (Guid? citizen) => platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/{first.GetProperty("incidentId").GetGuid()}/followers",
            new { citizenId = citizen, channel = "online" });
        Assert.Equal(HttpStatusCode.OK, (await follow(neighbour)).StatusCode);
        Assert.Contains("already follows", (await ProblemAsync(await follow(neighbour), HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var keptId = first.GetProperty("incidentId").GetGuid();
        var merge = await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{keptId}/merge", new { duplicateCode = second.GetProperty("code").GetString() });
        Assert.True(merge.StatusCode == HttpStatusCode.OK, await merge.Content.ReadAsStringAsync());
        var duplicate = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{second.GetProperty("incidentId").GetGuid()}?reason=complaint-handling");
        Assert.Equal(("closed", first.GetProperty("code").GetString()), (duplicate.GetProperty("status").GetString(), duplicate.GetProperty("mergedInto").GetString()));
        var kept = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{keptId}?reason=complaint-handling");
        Assert.Equal([neighbour, reporter], kept.GetProperty("followers").EnumerateArray().Select(f => f.GetGuid()));

        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{keptId}/resolution", new { resolution = "Filled in." })).StatusCode);
        var told = await platform.ReceivedAsync("IncidentProgressed", keptId, atLeast: 5);
        foreach (var follower in new[] { neighbour, reporter })
            Assert.Contains(told, m => m.GetProperty("step").GetString() == "followed-resolved" && m.GetProperty("citizenId").GetGuid() == follower
                && m.GetProperty("message").GetString() == "Filled in.");
        // Merged: nothing more to say on the duplicate, nor to follow.
        Assert.Equal(HttpStatusCode.Conflict, (await platform.AsChannelApp().PostAsJsonAsync(
            $"/api/incidents/{second.GetProperty("incidentId").GetGuid()}/followers", new { citizenId = neighbour, channel = "online" })).StatusCode);
    }

    [Fact]
    public async Task Triage_takes_a_category_of_the_councils_catalogue_only()
    {
        var (id, _) = await ReportAsync(Report(kind: "complaint"));
        var refused = await ProblemAsync(await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/triage",
            new { category = "street-lighting", kind = "complaint", priority = "normal" }), HttpStatusCode.BadRequest);
        Assert.Contains("streetlight", refused.GetProperty("errors").GetProperty("category")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/triage",
            new { category = "streetlight", kind = "complaint", priority = "normal" })).StatusCode);
    }

    [Fact]
    public async Task The_months_indicators_come_as_json_and_csv_without_personal_data_and_a_bad_month_is_a_400()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var (id, code) = await ReportAsync(Report(kind: "complaint", citizenId: citizen, channel: "telegram", description: "Soroll de nit al carrer Major."));
        await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/resolution", new { resolution = "Patrol sent." });
        await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/rating", new { rating = 3, channel = "telegram" });
        var month = TimeZoneInfo.ConvertTime(platform.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid")).ToString("yyyy-MM");

        var response = await platform.AsChannelApp().GetAsync($"/api/incidents/indicators/{month}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(month, json.GetProperty("month").GetString());
        Assert.Contains(json.GetProperty("volume").EnumerateArray(), v => v.GetProperty("channel").GetString() == "telegram" && v.GetProperty("kind").GetString() == "complaint");
        Assert.True(json.GetProperty("satisfactionCount").GetInt32() >= 1);
        foreach (var personal in new[] { citizen.ToString(), code, "Soroll", "Patrol" }) Assert.DoesNotContain(personal, body);

        var csv = await platform.AsChannelApp().GetAsync($"/api/incidents/indicators/{month}?format=csv");
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString());
        Assert.Contains($"{month},volume,telegram,complaint,", await csv.Content.ReadAsStringAsync());

        Assert.True((await ProblemAsync(await platform.AsChannelApp().GetAsync("/api/incidents/indicators/2026-13"), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("month", out _));
        Assert.True((await ProblemAsync(await platform.AsChannelApp().GetAsync($"/api/incidents/indicators/{month}?format=pdf"), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("format", out _));
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_and_writes_nothing()
    {
        var (id, _) = await ReportAsync(Report(kind: "complaint"));
        var staff = platform.AsStaff();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/assignment") { Content = JsonContent.Create(new { team = "civic" }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await staff.SendAsync(request)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await staff.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling")).GetProperty("team").ValueKind);
    }

    [Fact]
    public async Task The_inbox_filters_by_status_kind_team_and_channel_pages_and_puts_the_soonest_due_first()
    {
        var kiosk = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            platform.Clock.Advance(TimeSpan.FromMinutes(1)); // reported one after the other (the fake clock stands still otherwise)
            kiosk.Add((await ReportAsync(Report(kind: "suggestion", channel: "kiosk", description: $"Idea {i}"))).Id);
        }
        var staff = platform.AsStaff();
        await staff.PostAsJsonAsync($"/api/incidents/{kiosk[2]}/assignment", new { team = "parks" });
        // The first one answered: its clock stops, so it goes after those still counting.
        await staff.PostAsJsonAsync($"/api/incidents/{kiosk[0]}/answer", new { answer = "Thank you." });

        var page = await staff.GetFromJsonAsync<JsonElement>("/api/incidents?channel=kiosk&kind=suggestion&pageSize=2");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal([kiosk[1], kiosk[2]], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incidentId").GetGuid()));
        var second = await staff.GetFromJsonAsync<JsonElement>("/api/incidents?channel=kiosk&kind=suggestion&pageSize=2&page=2");
        Assert.Equal(kiosk[0], second.GetProperty("items")[0].GetProperty("incidentId").GetGuid());

        var parks = await staff.GetFromJsonAsync<JsonElement>("/api/incidents?team=parks");
        Assert.Equal(kiosk[2], Assert.Single(parks.GetProperty("items").EnumerateArray()).GetProperty("incidentId").GetGuid());
        var answered = await staff.GetFromJsonAsync<JsonElement>("/api/incidents?status=answered&channel=kiosk");
        Assert.Equal(kiosk[0], Assert.Single(answered.GetProperty("items").EnumerateArray()).GetProperty("incidentId").GetGuid());

        var bad = await ProblemAsync(await staff.GetAsync("/api/incidents?status=sleeping"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.AsChannelApp().GetAsync("/api/incidents")).StatusCode);
    }

    private IncidentDesk.IncidentDeskClient Desk() => new(GrpcChannel.ForAddress(platform.Incidents.GrpcAddress!));

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    [Fact]
    public async Task Grpc_get_by_code_answers_a_platform_service_of_the_council_and_reveals_nothing_to_a_wrong_or_foreign_code()
    {
        var (_, code) = await ReportAsync(Report(kind: "complaint"));

        var found = await Desk().GetByCodeAsync(new GetIncidentByCodeRequest { Code = code.ToLowerInvariant() }, Bearer(platform.ServiceToken()));
        Assert.Equal((code, "complaint", "new", "reported"), (found.Code, found.Kind, found.Status, found.LastStep));

        var foreign = await Assert.ThrowsAsync<RpcException>(() => Desk().GetByCodeAsync(new GetIncidentByCodeRequest { Code = code }, Bearer(platform.ServiceToken("el-prat"))).ResponseAsync);
        var nobodys = await Assert.ThrowsAsync<RpcException>(() => Desk().GetByCodeAsync(new GetIncidentByCodeRequest { Code = PersonalCode.Incident.New() }, Bearer(platform.ServiceToken())).ResponseAsync);
        // The same answer for another council's code as for a code nobody was given: nothing to tell them apart.
        Assert.Equal((StatusCode.NotFound, nobodys.Status.Detail), (foreign.StatusCode, foreign.Status.Detail));

        var typo = await Assert.ThrowsAsync<RpcException>(() => Desk().GetByCodeAsync(new GetIncidentByCodeRequest { Code = code[..^1] + (code[^1] == '0' ? '1' : '0') }, Bearer(platform.ServiceToken())).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, typo.StatusCode);

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => Desk().GetByCodeAsync(new GetIncidentByCodeRequest { Code = code }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        var client = await Assert.ThrowsAsync<RpcException>(() => Desk().GetByCodeAsync(new GetIncidentByCodeRequest { Code = code }, Bearer(platform.Tokens.ChannelApp())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, client.StatusCode);
    }
}
