using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Messaging.Statistics;
using Omnichannel.Testing;
using V1 = Omnichannel.Contracts.V1;

namespace Omnichannel.Messaging.Tests;

/// <summary>Staff list the notices told to citizens, filtered, and see one notice's route and status; nothing personal
/// in the URLs or the route.</summary>
[Collection(Collections.Notices)]
public sealed class NoticeListTests(MessagingPlatform platform)
{
    private static readonly DateTimeOffset Tomorrow10 = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private async Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        await platform.Messaging.Services.GetRequiredService<IBus>().Publish(message, c => c.MessageId = messageId);

    private HttpClient Staff() => platform.Messaging.Client(platform.Tokens.Staff());

    [Fact]
    public async Task Staff_list_notices_by_state_kind_channel_and_period_and_see_one_notices_route()
    {
        var email = $"n.{Guid.NewGuid():N}"[..16] + "@example.org";
        var withMail = await platform.RegisterCitizenAsync("es", email: email);
        var nowhere = await platform.RegisterCitizenAsync("ca");
        var mailed = Guid.NewGuid();
        var undeliverable = Guid.NewGuid();
        await PublishAsync(new V1.AppointmentReminderDue(Tokens.Tenant, DateTimeOffset.UtcNow, withMail, null, Guid.NewGuid(), "C1111-11111", "census-registration",
            "connecta-space", "Carrer de la Riera, 48", Tomorrow10, "es", "email"), mailed);
        await PublishAsync(new V1.TicketHolderIsNext(Tokens.Tenant, DateTimeOffset.UtcNow, nowhere, "telegram", Guid.NewGuid(), "connecta-space", "general", "G-042"), undeliverable);

        using var staff = Staff();
        // The council's day (Europe/Madrid), as the list filters: between 23:00 and 24:00 UTC it is already tomorrow there.
        var today = UsageCounting.Day(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");
        var sent = await Eventually.Until(() => staff.GetFromJsonAsync<List<JsonElement>>($"/api/messaging/notices?state=sent&kind=appointment-reminder&channel=email&from={today}&to={today}"),
            l => l!.Any(n => n.GetProperty("noticeId").GetGuid() == mailed), TimeSpan.FromSeconds(30), "the reminder sent by e-mail");
        Assert.All(sent!, n => Assert.Equal(("sent", "appointment-reminder", "email"), (n.GetProperty("status").GetString(), n.GetProperty("kind").GetString(), n.GetProperty("channel").GetString())));
        Assert.DoesNotContain(sent!, n => n.GetProperty("noticeId").GetGuid() == undeliverable);

        var failed = await staff.GetFromJsonAsync<List<JsonElement>>("/api/messaging/notices?state=failed&kind=ticket-holder-is-next");
        Assert.Contains(failed!, n => n.GetProperty("noticeId").GetGuid() == undeliverable && n.GetProperty("undeliverable").GetBoolean());
        Assert.Empty((await staff.GetFromJsonAsync<List<JsonElement>>("/api/messaging/notices?from=2020-01-01&to=2020-01-31"))!);

        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/messaging/notices/{mailed}");
        var step = Assert.Single(detail.GetProperty("route").EnumerateArray());
        Assert.Equal(("email", "sent"), (step.GetProperty("channel").GetString(), step.GetProperty("outcomes")[0].GetString()));
        Assert.DoesNotContain(email, detail.GetRawText()); // the route names the council's account, never the citizen's address
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/messaging/notices/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("state=lost", "state")]
    [InlineData("channel=pigeon", "channel")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-01-10&to=2026-01-01", "to")]
    [InlineData("from=2026-01-01&to=2026-12-31", "to")]
    [InlineData("limit=0", "limit")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        using var staff = Staff();
        var response = await staff.GetAsync($"/api/messaging/notices?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_notices_routes_are_for_staff_only()
    {
        using var app = platform.Messaging.Client(platform.Tokens.ChannelApp());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/messaging/notices")).StatusCode);
    }
}
