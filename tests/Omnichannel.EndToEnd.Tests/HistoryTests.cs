using System.Net.Http.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.BuildingBlocks.OfficeDirectory;
using Omnichannel.BuildingBlocks.Messaging;
using Omnichannel.Citizens.History;
using Omnichannel.Contracts;
using Omnichannel.Contracts.V1;
using Omnichannel.Testing;

namespace Omnichannel.EndToEnd.Tests;

/// <summary>How integration events read in a citizen's history: offices by name, the service from the CloudEvents
/// source. Events are published by hand on the citizens service's bus, as a publisher's outbox would.</summary>
[Collection(Collections.Requests)]
public sealed class HistoryTests(Platform platform)
{
    private sealed record HistoryLine(DateTimeOffset At, string? Channel, string Service, string Kind, string Text, string? Reference);
    private sealed record HistoryPage(Guid CitizenId, string Language, List<HistoryLine> Entries, long Total);

    private static readonly LocalizedText Library = new("Biblioteca Pompeu Fabra", "Biblioteca Pompeu Fabra (es)", "Pompeu Fabra Library");

    [Fact]
    public async Task A_booking_names_the_office_in_the_citizens_language_once_the_office_is_known()
    {
        var office = $"office-{Guid.NewGuid():N}";
        await RegisterOfficeAsync(office, Library);
        var citizen = await platform.RegisterCitizenAsync(language: "es");

        await platform.CitizensBus.Publish(Booked(citizen, office, "CITA-0001"), c => c.MessageId = Guid.NewGuid());

        var line = (await HistoryWhen(citizen, h => h.Entries.Count >= 1)).Entries.Single();
        Assert.Equal("appointment-booked", line.Kind);
        Assert.Contains("(Biblioteca Pompeu Fabra (es), código CITA-0001)", line.Text);
        Assert.DoesNotContain(office, line.Text);
        Assert.Equal("appointments", line.Service); // no source header: the group the line is declared in
    }

    [Fact]
    public async Task An_office_not_yet_known_is_named_by_its_id()
    {
        var citizen = await platform.RegisterCitizenAsync(language: "en");

        await platform.CitizensBus.Publish(Booked(citizen, "nowhere-known", "CITA-0002"), c => c.MessageId = Guid.NewGuid());

        var line = (await HistoryWhen(citizen, h => h.Entries.Count >= 1)).Entries.Single();
        Assert.Contains("(nowhere-known, code CITA-0002)", line.Text);
    }

    [Fact]
    public async Task A_check_in_after_an_office_is_renamed_names_it_anew()
    {
        var office = $"office-{Guid.NewGuid():N}";
        await RegisterOfficeAsync(office, Library);
        var renamed = new LocalizedText("Biblioteca Central", "Biblioteca Central (es)", "Central Library");
        await platform.CitizensBus.Publish(
            new OfficeChanged(Tokens.Tenant, DateTimeOffset.UtcNow.AddSeconds(1), null, null, office, renamed, "Carrer Nou 1", "default", 2),
            c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(() => KnownOfficeAsync(office), known => known?.Name == renamed, what: "the office's new name");
        var citizen = await platform.RegisterCitizenAsync(language: "en");

        var booked = Booked(citizen, office, "CITA-0003");
        await platform.CitizensBus.Publish(
            new CitizenCheckedIn(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "kiosk", booked.AppointmentId, booked.AppointmentCode, booked.ProcedureCode,
                office, booked.StartsAt, booked.EndsAt),
            c => c.MessageId = Guid.NewGuid());

        var line = (await HistoryWhen(citizen, h => h.Entries.Count >= 1)).Entries.Single();
        Assert.Equal("appointment-checked-in", line.Kind);
        Assert.EndsWith("(Central Library).", line.Text);
    }

    [Fact]
    public async Task An_older_description_arriving_late_does_not_undo_a_newer_name()
    {
        var office = $"office-{Guid.NewGuid():N}";
        await RegisterOfficeAsync(office, Library);
        var renamed = new LocalizedText("Biblioteca Central", "Biblioteca Central (es)", "Central Library");
        var now = DateTimeOffset.UtcNow;
        await platform.CitizensBus.Publish(
            new OfficeChanged(Tokens.Tenant, now.AddMinutes(2), null, null, office, renamed, "Carrer Nou 1", "default", 2), c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(() => KnownOfficeAsync(office), known => known?.Name == renamed, what: "the office's new name");

        var late = Guid.NewGuid();
        var older = new LocalizedText("Biblioteca Vella", "Biblioteca Vieja", "Old Library");
        await platform.CitizensBus.Publish(
            new OfficeChanged(Tokens.Tenant, now.AddMinutes(1), null, null, office, older, "Carrer Nou 1", "default", 2), c => c.MessageId = late);
        await Eventually.Until(() => ProcessedAsync("OfficeChangedConsumer", late), done => done, what: "the late description consumed");

        Assert.Equal(renamed, (await KnownOfficeAsync(office))!.Name);
    }

    [Fact]
    public async Task The_service_a_line_is_labelled_with_comes_from_the_cloudevents_source()
    {
        var citizen = await platform.RegisterCitizenAsync();
        var submitted = new CaseSubmitted(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "kiosk", Guid.NewGuid(), "CCCCC-CCCCC", "census-certificate");

        await platform.CitizensBus.Publish(submitted, c =>
        {
            c.MessageId = Guid.NewGuid();
            c.Headers.Set(CloudEventHeaders.Source, "/omnichannel/kiosks");
        });

        var line = (await HistoryWhen(citizen, h => h.Entries.Count >= 1)).Entries.Single();
        Assert.Equal("kiosks", line.Service);
    }

    private async Task RegisterOfficeAsync(string office, LocalizedText name)
    {
        await platform.CitizensBus.Publish(
            new OfficeRegistered(Tokens.Tenant, DateTimeOffset.UtcNow, null, null, office, name, "Carrer Nou 1", "default", 2),
            c => c.MessageId = Guid.NewGuid());
        await Eventually.Until(() => KnownOfficeAsync(office), known => known is not null, what: $"office {office} known to the citizens service");
    }

    private async Task<DirectoryOffice?> KnownOfficeAsync(string office)
    {
        await using var session = platform.Citizens.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        return await session.LoadAsync<DirectoryOffice>(office);
    }

    private async Task<bool> ProcessedAsync(string consumer, Guid messageId)
    {
        await using var session = platform.Citizens.Services.GetRequiredService<IDocumentStore>().QuerySession(Tokens.Tenant);
        return await session.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyFor(consumer, messageId)) is not null;
    }

    private static AppointmentBooked Booked(Guid citizen, string office, string code)
    {
        var startsAt = DateTimeOffset.UtcNow.AddDays(3);
        return new AppointmentBooked(Tokens.Tenant, DateTimeOffset.UtcNow, citizen, "online", Guid.NewGuid(), code, "census-certificate", office, startsAt, startsAt.AddMinutes(20));
    }

    private Task<HistoryPage> HistoryWhen(Guid citizen, Func<HistoryPage, bool> done) =>
        Eventually.Until(async () => (await platform.AsChannelApp().GetFromJsonAsync<HistoryPage>($"/api/citizens/{citizen}/history"))!,
            done, what: $"citizen {citizen}'s history");
}
