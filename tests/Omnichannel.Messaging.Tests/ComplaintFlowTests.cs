using System.Net.Http.Json;
using JasperFx.Events;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Complaints;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Tests;

/// <summary>Complaints with a photo and/or a location: pure decisions, what leaves the service, and the whole way through
/// incidents and back to the chat.</summary>
[Collection(Collections.Notices)]
public sealed class ComplaintFlowTests(MessagingPlatform platform)
{
    private static readonly DateTimeOffset At = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Anna = Guid.Parse("0b6a0d5c-1111-4000-8000-000000000001");
    private static readonly Opening Opening = new("telegram", "citymes", "42", "ca", Anna);
    private static readonly DeskState Started = DeskState.Initial with { ComplaintSince = At, ComplaintNotes = ["El fanal de davant de casa no s'encén"] };

    private static InboundMessage Photo(string? caption) => new() { DeliveryId = "2", ChatId = "42", Kind = MessageKind.Photo, MediaId = "AgACAgQ-photo", Text = caption };

    [Fact]
    public void The_complaint_keyword_opens_a_complaint_and_a_photo_within_the_window_files_it_with_the_notes_and_the_caption()
    {
        var opened = ComplaintFlow.Follow(DeskState.Initial, Opening, Photo(null) with { Kind = MessageKind.Text }, new Reply("Envia'ns…", ReplyReasons.ComplaintKeyword, "queixa"), Guid.Empty, At);
        Assert.Equal(new ComplaintStarted(At), Assert.Single(opened!.Events));

        var complaintId = Guid.NewGuid();
        var filed = ComplaintFlow.Follow(Started, Opening, Photo("Carrer Major 3"), null, complaintId, At.AddMinutes(5))!;
        var submitted = Assert.IsType<ComplaintSubmitted>(Assert.Single(filed.Events));
        Assert.Equal((complaintId, "El fanal de davant de casa no s'encén\nCarrer Major 3", Anna, "telegram"), (submitted.ComplaintId, submitted.Description, submitted.CitizenId, submitted.Channel));
        Assert.Equal(["AgACAgQ-photo"], submitted.PhotoFileIds);
        Assert.Equal(ComplaintFlow.Filing.Ca, filed.Reply!.Text);
    }

    [Fact]
    public void A_text_no_keyword_answers_is_noted_for_the_complaint_and_a_photo_after_the_window_is_not_a_complaint()
    {
        var noted = ComplaintFlow.Follow(Started, Opening, new InboundMessage { DeliveryId = "3", ChatId = "42", Kind = MessageKind.Text, Text = "Fa una setmana" },
            new Reply("…", ReplyReasons.Unanswered, null), Guid.Empty, At.AddMinutes(1))!;
        Assert.Equal(new ComplaintNoted("Fa una setmana", At.AddMinutes(1)), Assert.Single(noted.Events));
        Assert.Null(ComplaintFlow.Follow(Started, Opening, Photo(null), null, Guid.Empty, At + ComplaintFlow.Window + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Only_a_known_citizens_conversation_steps_leave_the_service_and_a_complaint_always_does()
    {
        var mapper = new IntegrationEvents();
        IEvent Stored(object data) => new Event<object>(data) { TenantId = "mataro" };
        Assert.IsType<V1.ChatHandedOver>(mapper.Map(Stored(new HandedOver(Guid.NewGuid(), HandoverReasons.Requested, Anna, "telegram", At))));
        Assert.Null(mapper.Map(Stored(new HandedOver(Guid.NewGuid(), HandoverReasons.Requested, null, "telegram", At))));
        Assert.True(Assert.IsType<V1.ChatHandoverClosed>(mapper.Map(Stored(new HandoverClosed(Guid.NewGuid(), "ana", true, TimeSpan.Zero, Anna, "whatsapp", At)))).Answered);
        Assert.Null(mapper.Map(Stored(new ConversationStarted("telegram", "citymes", "42", "ca", null, At))));
        var complaint = Assert.IsType<V1.ChatComplaintSubmitted>(mapper.Map(Stored(new ComplaintSubmitted(Guid.NewGuid(), "Fanal", new GeoPoint(41.54, 2.44), [], null, "telegram", At))));
        Assert.Equal((41.54, 2.44), (complaint.Latitude!.Value, complaint.Longitude!.Value));
    }

    [Fact]
    public async Task A_complaint_with_a_photo_after_the_keyword_becomes_an_incident_and_its_code_comes_back_in_the_chat()
    {
        var chat = Updates.NewChat();
        async Task<string> Nth(int n) => (await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= n, TimeSpan.FromSeconds(30), $"answer {n}"))[n - 1].Text;

        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "QUEIXA"));
        Assert.StartsWith("Envia'ns la queixa", await Nth(1));
        await platform.PostTelegramAsync(Updates.Photo(Updates.NewUpdateId(), chat, "AgACAgQ-fanal", "Fanal apagat al carrer Major"));
        Assert.Equal(ComplaintFlow.Filing.Ca, await Nth(2));
        var filed = await Nth(3);
        Assert.StartsWith("Hem registrat la teva queixa amb el codi N", filed);

        var code = filed.Split(' ')[8].TrimEnd('.');
        using var staff = platform.Incidents.Client(platform.Tokens.Staff());
        var complaint = (await platform.TelegramEventsAsync(chat)).OfType<ComplaintSubmitted>().Single();
        var incident = await staff.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/incidents/{complaint.ComplaintId}?reason=complaint-handling");
        Assert.Equal((code, "complaint"), (incident.GetProperty("code").GetString(), incident.GetProperty("kind").GetString()));
    }
}
