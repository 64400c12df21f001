using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Contracts.V1;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>What a channel front-end sees through the gateway.</summary>
[Collection(Collections.Requests)]
public sealed class EndToEndTests(Platform platform)
{
    private sealed record Submitted(Guid CaseId, string TrackingCode, string Status, long Version);
    private sealed record HistoryLine(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    private sealed record HistoryPage(Guid CitizenId, string Language, List<HistoryLine> Entries, long Total);

    [Fact]
    public async Task A_submitted_case_appears_in_the_citizens_history_in_their_language()
    {
        var citizen = await platform.RegisterCitizenAsync(language: "es");

        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases",
            new { procedureCode = "census-certificate", channel = "kiosk", citizenId = citizen });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var submitted = (await response.Content.ReadFromJsonAsync<Submitted>())!;

        var history = await HistoryWhen(citizen, h => h.Entries.Count >= 1);
        var line = Assert.Single(history.Entries);
        Assert.Equal("kiosk", line.Channel);
        Assert.Equal("case-submitted", line.Kind);
        Assert.Equal(submitted.TrackingCode, line.Reference);
        Assert.Contains("Certificado de empadronamiento", line.Text); // the procedure's Spanish name, asked over gRPC
    }

    [Fact]
    public async Task A_status_change_by_staff_joins_the_same_history()
    {
        var citizen = await platform.RegisterCitizenAsync(language: "en");
        var submitted = await SubmitAsync(citizen);

        var change = await platform.AsStaff().PostAsJsonAsync($"/api/procedures/cases/{submitted.CaseId}/status", new { status = "in-review" });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        // The case's own lines; messaging's try to tell the citizen of the change (a notice line) joins the history too.
        var history = await HistoryWhen(citizen, h => h.Entries.Count(e => e.Kind.StartsWith("case-", StringComparison.Ordinal)) >= 2);
        var caseLines = history.Entries.Where(e => e.Kind.StartsWith("case-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["case-status-changed", "case-submitted"], caseLines.Select(e => e.Kind));
        Assert.Contains("is under review", caseLines[0].Text);
        Assert.All(history.Entries.Except(caseLines), e => Assert.StartsWith("notice-", e.Kind));
    }

    [Fact]
    public async Task A_citizen_follows_a_case_by_typing_the_tracking_code_loosely()
    {
        var submitted = await SubmitAsync(citizen: null);
        var typed = submitted.TrackingCode.Replace("-", " ").ToLowerInvariant();

        var response = await platform.AsChannelApp().GetAsync($"/api/procedures/cases/by-code/{Uri.EscapeDataString(typed)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(submitted.TrackingCode, body.GetProperty("trackingCode").GetString());
        Assert.Equal("submitted", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_tracking_code_look_up_shows_the_statuses_but_never_the_staff_note_given_with_them()
    {
        var citizen = await platform.RegisterCitizenAsync(language: "ca");
        var submitted = await SubmitAsync(citizen);
        const string note = "Staff only: the applicant's landlord called about the address";
        var change = await platform.AsStaff().PostAsJsonAsync($"/api/procedures/cases/{submitted.CaseId}/status", new { status = "in-review", note });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var staff = await platform.AsStaff().GetStringAsync($"/api/procedures/cases/{submitted.CaseId}?reason=case-handling");
        Assert.Contains(note, staff);

        var response = await platform.AsChannelApp().GetAsync($"/api/procedures/cases/by-code/{submitted.TrackingCode}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("landlord", raw);
        var body = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(["submitted", "in-review"], body.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        Assert.All(body.GetProperty("history").EnumerateArray(), step => Assert.False(step.TryGetProperty("note", out _)));
        foreach (var staffOnly in new[] { "note", "citizenId", "summary", "caseId", "channel" })
            Assert.False(body.TryGetProperty(staffOnly, out _), $"'{staffOnly}' in the public look-up");
    }

    [Fact]
    public async Task A_new_tracking_code_is_a_T_code_and_a_typo_in_it_is_a_400_saying_so_not_a_404()
    {
        var submitted = await SubmitAsync(citizen: null);
        Assert.StartsWith("T", submitted.TrackingCode);
        var code = submitted.TrackingCode.Replace("-", "");
        // Two different neighbours after the letter swapped (a random code may repeat a symbol, and a swap of equal
        // symbols is no typo).
        var at = Enumerable.Range(1, code.Length - 2).First(i => code[i] != code[i + 1]);
        var swapped = code[..at] + code[at + 1] + code[at] + code[(at + 2)..];

        var response = await platform.AsChannelApp().GetAsync($"/api/procedures/cases/by-code/{swapped}");

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains("typo", problem.GetProperty("errors").GetProperty("trackingCode")[0].GetString());
    }

    [Fact]
    public async Task A_case_given_an_old_format_tracking_code_is_still_found_by_it()
    {
        // A case submitted before the code scheme changed, as it sits in the event store: a Luhn-checked code without a letter.
        var caseId = Guid.NewGuid();
        await using (var session = platform.Procedures.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession(Tokens.Tenant))
        {
            session.Events.StartStream(Procedures.Cases.Case.StreamKey(caseId),
                new Procedures.Cases.CaseSubmitted(caseId, "K7QM4-TZP96", "census-certificate", null, "kiosk", null, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        var found = await platform.AsChannelApp().GetAsync("/api/procedures/cases/by-code/k7qm4%20tzp96");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("K7QM4-TZP96", (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());

        var typo = await platform.AsChannelApp().GetAsync("/api/procedures/cases/by-code/K7QM4-TZP97");
        var problem = await AssertProblem(typo, HttpStatusCode.BadRequest);
        Assert.Contains("typo", problem.GetProperty("errors").GetProperty("trackingCode")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_procedure_is_a_404_problem()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "no-such-procedure", channel = "kiosk" });

        var problem = await AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-procedure", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invalid_dni_is_a_400_naming_the_field()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/citizens", new { channel = "phone", nationalId = "12345678A" });

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("nationalId", out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_with_a_wrong_type_is_a_400_naming_the_field()
    {
        var response = await platform.AsChannelApp().PostAsync("/api/procedures/cases",
            new StringContent("""{"procedureCode":"census-certificate","channel":5}""", new MediaTypeHeaderValue("application/json")));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("channel", out _), problem.ToString());
    }

    [Fact]
    public async Task No_token_on_a_staff_route_is_a_401()
    {
        var response = await platform.Anonymous().PostAsJsonAsync("/api/procedures", new { code = "x" });

        await AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_channel_app_token_on_a_staff_route_is_a_403()
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync($"/api/procedures/cases/{Guid.NewGuid()}/status", new { status = "in-review" });

        await AssertProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revision_at_a_stale_version_is_a_409_and_writes_nothing()
    {
        var staff = platform.AsStaff();
        var read = await staff.GetAsync("/api/procedures/pet-register");
        var etag = read.Headers.ETag!;
        var procedure = await read.Content.ReadFromJsonAsync<JsonElement>();

        var first = Revision(procedure, averageAttentionMinutes: 4, etag);
        Assert.Equal(HttpStatusCode.OK, (await staff.SendAsync(first)).StatusCode);
        var stale = Revision(procedure, averageAttentionMinutes: 3, etag);
        var conflict = await staff.SendAsync(stale);

        await AssertProblem(conflict, HttpStatusCode.PreconditionFailed); // was 409: a stale If-Match is a 412 (RFC 9110)
        var after = await (await staff.GetAsync("/api/procedures/pet-register")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, after.GetProperty("averageAttentionMinutes").GetInt32());
        Assert.Equal(procedure.GetProperty("version").GetInt64() + 1, after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_redelivered_integration_event_adds_no_second_history_entry()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var submitted = new CaseSubmitted(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "phone", Guid.NewGuid(), "AAAAA-AAAAA", "census-certificate");
        var messageId = Guid.NewGuid();

        await platform.CitizensBus.Publish(submitted, c => c.MessageId = messageId);
        await HistoryWhen(citizen, h => h.Entries.Any(e => e.Reference == "AAAAA-AAAAA"));
        // Messages are consumed concurrently and a lost race is retried after a pause, so the copy is sent only once the
        // first is recorded (it then stops at its processed mark at once), and a later message after it.
        await platform.CitizensBus.Publish(submitted, c => c.MessageId = messageId);
        var later = submitted with { CaseId = Guid.NewGuid(), TrackingCode = "BBBBB-BBBBB", OccurredAt = submitted.OccurredAt.AddSeconds(1) };
        await platform.CitizensBus.Publish(later, c => c.MessageId = Guid.NewGuid());

        var history = await HistoryWhen(citizen, h => h.Entries.Any(e => e.Reference == "BBBBB-BBBBB"));
        Assert.Single(history.Entries, e => e.Reference == "AAAAA-AAAAA");
    }

    [Fact]
    public async Task A_token_for_another_council_does_not_see_this_councils_citizens()
    {
        var citizen = await platform.RegisterCitizenAsync();

        var response = await platform.AsChannelApp(tenant: "el-prat").GetAsync($"/api/citizens/{citizen}");

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_catalogue_answers_a_citizens_word_in_any_language()
    {
        var page = await platform.AsChannelApp().GetFromJsonAsync<JsonElement>("/api/procedures?text=padro&channel=point0");

        var codes = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("census-certificate", codes);
        Assert.All(page.GetProperty("items").EnumerateArray(), p =>
            Assert.Contains("point0", p.GetProperty("channels").EnumerateArray().Select(c => c.GetString())));
    }

    [Fact]
    public async Task The_case_inbox_filters_by_status_procedure_and_channel_and_names_a_wrong_filter()
    {
        var waiting = await SubmitAsync(citizen: null);
        var reviewed = await SubmitAsync(citizen: null);
        var change = await platform.AsStaff().PostAsJsonAsync($"/api/procedures/cases/{reviewed.CaseId}/status", new { status = "in-review" });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var inReview = await platform.AsStaff().GetFromJsonAsync<JsonElement>("/api/procedures/cases?status=in-review&procedureCode=census-certificate&channel=kiosk&pageSize=200");
        var ids = inReview.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetGuid()).ToList();
        Assert.Contains(reviewed.CaseId, ids);
        Assert.DoesNotContain(waiting.CaseId, ids);
        Assert.All(inReview.GetProperty("items").EnumerateArray(), i => Assert.Equal("in-review", i.GetProperty("status").GetString()));
        Assert.DoesNotContain(reviewed.CaseId, (await platform.AsStaff().GetFromJsonAsync<JsonElement>("/api/procedures/cases?status=in-review&channel=phone&pageSize=200"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetGuid()));

        var wrong = await AssertProblem(await platform.AsStaff().GetAsync("/api/procedures/cases?status=lost"), HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.AsChannelApp().GetAsync("/api/procedures/cases")).StatusCode);
    }

    private async Task<Submitted> SubmitAsync(Guid? citizen)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/procedures/cases",
            new { procedureCode = "census-certificate", channel = "kiosk", citizenId = citizen });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Submitted>())!;
    }

    private Task<HistoryPage> HistoryWhen(Guid citizen, Func<HistoryPage, bool> done) =>
        Eventually.Until(async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            done, what: $"citizen {citizen}'s history");

    private static readonly HashSet<string> RevisionFields =
        ["code", "category", "names", "guidance", "channels", "averageAttentionMinutes", "attachmentsRequired", "documentsRequired", "keywords", "eOfficeUrl"];

    private static HttpRequestMessage Revision(JsonElement procedure, int averageAttentionMinutes, EntityTagHeaderValue etag)
    {
        // Only the revision's fields: read-only members of the read model (version, status…) are unknown to a request, a 400.
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(procedure.GetRawText())!
            .Where(m => RevisionFields.Contains(m.Key)).ToDictionary();
        body["averageAttentionMinutes"] = JsonSerializer.SerializeToElement(averageAttentionMinutes);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/procedures/{procedure.GetProperty("code").GetString()}")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(etag);
        return request;
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
