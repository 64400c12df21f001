using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Testing;
using RabbitMQ.Client;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>Incidents through the gateway: reported on one channel, followed by code on another, every step in the
/// citizen's one history in their language.</summary>
[Collection(Collections.Requests)]
public sealed class IncidentsEndToEndTests(Platform platform)
{
    private sealed record HistoryLine(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    private sealed record HistoryPage(Guid CitizenId, string Language, List<HistoryLine> Entries, long Total);

    [Fact]
    public async Task A_problem_with_an_online_procedure_reported_by_chat_is_followed_by_code_and_every_step_joins_the_citizens_history_in_their_language()
    {
        var citizen = await platform.RegisterCitizenAsync(language: "es");
        var reported = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", new
        {
            kind = "l2-online-procedure", channel = "chat", citizenId = citizen, procedureCode = "census-registration",
            description = "El formulario se queda en blanco al adjuntar el DNI.",
        });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var reply = await reported.Content.ReadFromJsonAsync<JsonElement>();
        var (id, code) = (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("code").GetString()!);

        var answer = await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/answer", new { answer = "Prueba con un PDF de menos de 5 MB." });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        var status = await platform.AsChannelApp().GetFromJsonAsync<JsonElement>($"/api/incidents/by-code/{code}");
        Assert.Equal("answered", status.GetProperty("status").GetString());

        var history = await Eventually.Until(async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            h => h.Entries.Count(e => e.Service == "incidents") >= 2, what: "the incident's lines in the citizen's history");
        // The incident's own lines (messaging's notice of the answer joins the history too, as a notice line).
        var lines = history.Entries.Where(e => e.Service == "incidents").OrderBy(e => e.At).ToList();
        Assert.Equal(["incident-reported", "incident-answered"], lines.Select(l => l.Kind));
        Assert.All(lines, l => Assert.Equal("incidents", l.Service));
        Assert.All(lines, l => Assert.Equal(code, l.Reference));
        Assert.StartsWith("Has enviado una incidencia con el trámite en línea «", lines[0].Text);
        Assert.EndsWith($"(código {code}).", lines[0].Text);
        Assert.Equal($"Tu solicitud {code} ha recibido respuesta — Prueba con un PDF de menos de 5 MB.", lines[1].Text);
        Assert.Equal("chat", lines[0].Channel);
    }

    [Fact]
    public async Task A_rating_given_by_whatsapp_after_the_resolution_joins_the_citizens_history_in_their_language()
    {
        var citizen = await platform.RegisterCitizenAsync(language: "ca");
        var reported = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", new
        {
            kind = "complaint", channel = "email", citizenId = citizen, description = "El fanal del carrer Major no funciona.",
        });
        var reply = await reported.Content.ReadFromJsonAsync<JsonElement>();
        var (id, code) = (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("code").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/resolution", new { resolution = "Reparat." })).StatusCode);

        var rated = await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/rating", new { rating = 5, channel = "whatsapp" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);

        var history = await Eventually.Until(async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            h => h.Entries.Any(e => e.Kind == "incident-rated"), what: "the rating in the citizen's history");
        var line = history.Entries.Single(e => e.Kind == "incident-rated");
        Assert.Equal($"Has valorat l'atenció de la teva sol·licitud {code} amb un 5 sobre 5. Gràcies!", line.Text);
        Assert.Equal(("whatsapp", code), (line.Channel, line.Reference));
    }

    [Fact]
    public async Task A_fixmystreet_style_client_reports_through_the_gateway_with_its_api_key_and_no_token_and_reads_it_back_as_xml()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = platform.Open311Key, ["service_code"] = "graffiti", ["lat"] = "41.5399", ["long"] = "2.4447",
            ["description"] = "Pintades a la façana de l'escola.",
        });
        var posted = await platform.Anonymous().PostAsync("/api/incidents/open311/v2/requests.xml", form);
        var body = await posted.Content.ReadAsStringAsync();
        Assert.True(posted.StatusCode == HttpStatusCode.OK, body);
        var id = System.Xml.Linq.XDocument.Parse(body).Root!.Element("request")!.Element("service_request_id")!.Value;

        var read = await platform.Anonymous().GetAsync($"/api/incidents/open311/v2/requests/{id}.xml?jurisdiction_id=mataro");
        var request = System.Xml.Linq.XDocument.Parse(await read.Content.ReadAsStringAsync()).Root!.Element("request")!;
        Assert.Equal(("graffiti", "open"), (request.Element("service_code")!.Value, request.Element("status")!.Value));

        var wrongKey = await platform.Anonymous().PostAsync("/api/incidents/open311/v2/requests.json",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = "not-a-key", ["service_code"] = "graffiti" }));
        Assert.Equal(HttpStatusCode.Forbidden, wrongKey.StatusCode);
        Assert.Equal(403, JsonDocument.Parse(await wrongKey.Content.ReadAsStringAsync()).RootElement[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_technical_incident_not_resolved_in_time_breaches_once_on_the_bus_at_its_due_instant_and_staff_see_it_breached_through_the_gateway()
    {
        // A queue of our own on the breach's exchange, as an operations consumer would have (none is subscribed yet).
        var configuration = platform.Incidents.Services.GetRequiredService<IConfiguration>();
        await using var connection = await new ConnectionFactory { Uri = new Uri(configuration["ConnectionStrings:RabbitMq"]!) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        const string exchange = "Omnichannel.Contracts.V1:IncidentSlaBreached";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, "");
        var deliveries = new List<(Guid MessageId, JsonElement Message)>();
        async Task<List<(Guid MessageId, JsonElement Message)>> BreachesOf(Guid incidentId)
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                var envelope = JsonDocument.Parse(delivery.Body).RootElement;
                deliveries.Add((envelope.GetProperty("messageId").GetGuid(), envelope.GetProperty("message").Clone()));
            }
            return deliveries.Where(d => d.Message.GetProperty("incidentId").GetGuid() == incidentId).ToList();
        }

        var citizen = await platform.RegisterCitizenAsync(language: "ca");
        async Task<(Guid Id, string Code)> ReportAsync(string description)
        {
            var reported = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
                new { kind = "technical-incident", channel = "online", citizenId = citizen, description });
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
            var reply = await reported.Content.ReadFromJsonAsync<JsonElement>();
            return (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("code").GetString()!);
        }

        var (id, code) = await ReportAsync("La seu electrònica no carrega.");
        var staff = platform.AsStaff();
        var due = (await staff.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling")).GetProperty("sla").GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset();
        var (_, breach) = Assert.Single(await Eventually.Until(() => BreachesOf(id), l => l.Count >= 1, TimeSpan.FromSeconds(60), "the resolution breach on the bus"));
        Assert.Equal(("resolution", "technical-incident", code), (breach.GetProperty("clock").GetString(), breach.GetProperty("kind").GetString(), breach.GetProperty("incidentCode").GetString()));
        Assert.Equal((due, due), (breach.GetProperty("dueAt").GetDateTimeOffset(), breach.GetProperty("occurredAt").GetDateTimeOffset()));
        Assert.Contains((await staff.GetFromJsonAsync<JsonElement>("/api/incidents/sla/breached")).EnumerateArray(), i => i.GetProperty("incidentId").GetGuid() == id);

        // Once: the watcher keeps looking every 2 s, and the outbox publishes in the order events were stored, so a later
        // incident's breach comes after any second one of the first.
        var (marker, _) = await ReportAsync("El formulari de padró dona un error.");
        await Eventually.Until(() => BreachesOf(marker), l => l.Count >= 1, TimeSpan.FromSeconds(60), "a later incident's breach");
        Assert.Single((await BreachesOf(id)).Select(d => d.MessageId).Distinct());
    }
}
