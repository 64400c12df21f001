using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Messaging.Answering;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Linking;
using Omnichannel.Messaging.Operators;
using Omnichannel.Testing;

namespace Omnichannel.Messaging.Tests;

/// <summary>An unknown chat linked to its citizen by VINCULA/VINCULAR/LINK + one of their personal codes: the directory
/// gets the identity, the conversation's next steps reach the citizen's history; wrong codes reveal nothing and count
/// for the throttle.</summary>
[Collection(Collections.Clock)]
public sealed class ChatLinkingTests(MessagingPlatform platform)
{
    // xUnit makes the class anew for each test: each starts on the real clock.
    private readonly MessagingPlatform platform = platform.AtTheRealTime();

    private static readonly DateTimeOffset MondayMorning = new(2026, 12, 14, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly Opening Unknown = new("telegram", "citymes", "42", "es", null);

    private async Task<string> AnswerAsync(long chat, int n) =>
        (await Eventually.Until(() => Task.FromResult(platform.TelegramApi.To(chat)), s => s.Count >= n, TimeSpan.FromSeconds(30), $"answer {n}"))[n - 1].Text;

    private async Task<string> TrackingCodeAsync(Guid citizen)
    {
        using var client = platform.Procedures.Client(platform.Tokens.ChannelApp());
        var submitted = await client.PostAsJsonAsync("/api/procedures/cases", new { procedureCode = "census-certificate", channel = "online", citizenId = citizen });
        submitted.EnsureSuccessStatusCode();
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
    }

    [Theory]
    [InlineData("VINCULA T-1234", "T-1234")]
    [InlineData("  vincular   t1234 ", "t1234")]
    [InlineData("Link T-1234", "T-1234")]
    [InlineData("VINCULA", null)]
    [InlineData("vinculació", null)]
    [InlineData("HORARI", null)]
    public void A_link_request_is_a_link_word_followed_by_a_code(string text, string? code) => Assert.Equal(code, LinkRequests.Code(text));

    [Fact]
    public void A_code_with_no_citizen_or_refused_by_the_directory_gets_the_words_of_any_wrong_code()
    {
        var at = MondayMorning;
        var nobody = LinkRequests.Decide(Unknown, false, new CodeStatus.NotFound(), false, at);
        var taken = LinkRequests.Decide(Unknown, false, new CodeStatus.CaseFound("T-1", "received", null, "x", at, Guid.NewGuid()), directoryLinked: false, at);
        Assert.Equal(nobody.Reply, taken.Reply);
        Assert.Equal(ReplyReasons.WrongCode, nobody.Reply.Reason);
        Assert.Null(taken.Linked);
        var anna = Guid.NewGuid();
        var linked = LinkRequests.Decide(Unknown, false, new CodeStatus.CaseFound("T-1", "received", null, "x", at, anna), directoryLinked: true, at);
        Assert.Equal(anna, linked.Linked!.CitizenId);
        Assert.Equal(ReplyReasons.CodeThrottled, LinkRequests.Decide(Unknown, true, null, false, at).Reply.Reason);
    }

    [Fact]
    public async Task An_unknown_chat_linked_by_keyword_and_case_code_reaches_the_citizens_history_and_the_directory()
    {
        platform.Clock.MoveTo(MondayMorning);
        var anna = await platform.RegisterCitizenAsync("es");
        var tracking = await TrackingCodeAsync(anna);
        var chat = Updates.NewChat();

        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, $"VINCULAR {tracking}", "es"));
        Assert.Equal(LinkRequests.Linked.Es, await AnswerAsync(chat, 1));
        Assert.Equal(anna, (await platform.TelegramConversationAsync(chat))!.CitizenId);
        Assert.Equal(anna, Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<ConversationLinked>()).CitizenId);

        // The next step (a hand-over) carries the citizen, and both reach the history.
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "Necesito ayuda con una multa", "es"));
        using var staff = platform.Citizens.Client(platform.Tokens.Staff());
        await Eventually.Until(async () =>
            (await staff.GetFromJsonAsync<JsonElement>($"/api/citizens/{anna}/history?reason=citizen-request")).GetProperty("entries").EnumerateArray().ToList(),
            e => e.Any(x => x.GetProperty("kind").GetString() == "chat-handed-over") && e.Any(x => x.GetProperty("kind").GetString() == "chat-started"),
            TimeSpan.FromSeconds(30), "the linked chat's start and hand-over in the history");
        using (Omnichannel.BuildingBlocks.Context.RequestContext.Begin(Tokens.Tenant, null))
        {
            var directory = platform.Messaging.Services.GetRequiredService<Omnichannel.Contracts.Grpc.Citizens.V1.CitizenDirectory.CitizenDirectoryClient>();
            var found = await directory.FindByIdentityAsync(new Omnichannel.Contracts.Grpc.Citizens.V1.FindByIdentityRequest { Kind = "telegram", Value = chat.ToString() });
            Assert.Equal(anna.ToString(), found.CitizenId);
        }
    }

    [Fact]
    public async Task Another_citizens_chat_or_a_wrong_code_reveals_nothing_and_counts_for_the_throttle()
    {
        platform.Clock.MoveTo(MondayMorning);
        var anna = await platform.RegisterCitizenAsync("ca");
        var tracking = await TrackingCodeAsync(anna);
        var chat = Updates.NewChat();

        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), chat, "VINCULA T-0000000", "ca"));
        var wrong = await AnswerAsync(chat, 1);
        Assert.True(wrong == MessagingTexts.CodeNotFound.Ca || wrong == MessagingTexts.CodeTypo.Ca, wrong);
        Assert.Single((await platform.TelegramEventsAsync(chat)).OfType<WrongCodeGiven>());

        // A chat already somebody's cannot be taken by another citizen's code: the same words as a wrong code.
        var bernat = Updates.NewChat();
        await platform.RegisterCitizenAsync("ca", telegramChatId: bernat);
        await platform.PostTelegramAsync(Updates.Text(Updates.NewUpdateId(), bernat, $"VINCULA {tracking}", "ca"));
        Assert.Equal(LinkRequests.AlreadyLinked.Ca, await AnswerAsync(bernat, 1));
        Assert.Empty((await platform.TelegramEventsAsync(bernat)).OfType<ConversationLinked>());
    }
}
