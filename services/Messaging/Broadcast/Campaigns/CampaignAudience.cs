using Marten;
using Microsoft.Extensions.Options;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Contracts.Grpc.Citizens.V1;
using Omnichannel.Messaging.Broadcast.Alerts;
using Omnichannel.Messaging.Broadcast.Membership;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Notices;
using Omnichannel.Messaging.Sms;
using ChannelNames = Omnichannel.Contracts.Channels;

namespace Omnichannel.Messaging.Broadcast.Campaigns;

/// <summary>
/// The list of a campaign to the citizens who had a case of a procedure in a period, written once before it is sent
/// (as members of the campaign's own list, so the same paced, claimed delivery sends it): each citizen on their
/// chat (Telegram or WhatsApp, the most recent they opened and did not block), else by SMS to their phone (from the
/// citizens directory), else nobody. Built page by page of cases (a cursor on the campaign, so a restart resumes it);
/// a citizen with several cases is one member (the member's id is the list's and the conversation's).
/// </summary>
public sealed class CampaignAudience(IDocumentStore store, CitizenDirectory.CitizenDirectoryClient directory,
    Omnichannel.Contracts.Grpc.Procedures.V1.CaseTracking.CaseTrackingClient procedures, IOptions<SmsOptions> sms,
    IOptions<BroadcastOptions> options, ILogger<CampaignAudience> logger, Conversations.ConversationKeys keys)
{
    public async Task BuildAsync(Guid campaignId, CancellationToken ct)
    {
        await BackfillAsync(campaignId, ct);
        while (true)
        {
            await using var session = store.OpenTenantSession();
            var campaign = await session.LoadAsync<Alert>(campaignId, ct);
            if (campaign is null || campaign.AudienceReady || campaign.ProcedureCode is null) return;
            var from = new DateTimeOffset(campaign.CasesFrom!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var until = new DateTimeOffset(campaign.CasesTo!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var cases = (await session.QueryAsync<CaseHolder>(
                "where tenant_id = ? and data ->> 'ProcedureCode' = ? and (data ->> 'SubmittedAt')::timestamptz >= ? and (data ->> 'SubmittedAt')::timestamptz < ? and id::text > ? order by id::text limit ?",
                ct, campaign.Council, campaign.ProcedureCode, from, until, campaign.AudienceCursor, options.Value.PageSize)).ToList();
            if (cases.Count == 0)
            {
                campaign.AudienceReady = true;
                session.Store(campaign);
                await session.SaveChangesAsync(ct);
                return;
            }

            var citizens = cases.Select(c => c.CitizenId).Distinct().ToList();
            var chats = (await session.Query<ConversationView>().Where(c => c.CitizenId.HasValue && citizens.Contains(c.CitizenId.Value) && !c.Blocked).ToListAsync(ct))
                .Where(c => c.Channel is ChannelNames.Telegram or ChannelNames.WhatsApp).ToList();
            var smsAccount = sms.Value.AccountOf(campaign.Council);
            foreach (var citizen in citizens)
            {
                var member = NoticeRouting.Choose(chats.Where(c => c.CitizenId == citizen), null) is { } chat
                    ? Member(campaign.Topic, chat.Id, chat.Channel, chat.Account, chat.ChatId, chat.Language)
                    : await BySmsAsync(campaign.Topic, citizen, smsAccount, ct);
                if (member is null) campaign.Skipped++;
                else session.Store(member);
            }
            campaign.AudienceCursor = cases[^1].Id.ToString();
            session.Store(campaign);
            await session.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Messaging knows a case from the <c>CaseSubmitted</c> it hears; cases submitted before it listened (last year's,
    /// typically) are only in procedures. Before the list is written, the period's cases with a known citizen are read
    /// from procedures (gRPC <c>ListCaseHolders</c>, from its stored cases, page by page, resumable by the key kept on
    /// the campaign) into the same <see cref="CaseHolder"/> documents the consumer keeps — by case id, so a case heard
    /// both ways is one. Procedures not answering fails the run, which is tried again on the dispatcher's next look.
    /// </summary>
    private async Task BackfillAsync(Guid campaignId, CancellationToken ct)
    {
        while (true)
        {
            await using var session = store.OpenTenantSession();
            var campaign = await session.LoadAsync<Alert>(campaignId, ct);
            if (campaign is null || campaign.AudienceReady || campaign.CasesBackfilled || campaign.ProcedureCode is null) return;
            var from = new DateTimeOffset(campaign.CasesFrom!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var until = new DateTimeOffset(campaign.CasesTo!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var page = await procedures.ListCaseHoldersAsync(new Omnichannel.Contracts.Grpc.Procedures.V1.ListCaseHoldersRequest
            {
                ProcedureCode = campaign.ProcedureCode, SubmittedFrom = from.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                SubmittedBefore = until.ToString("O", System.Globalization.CultureInfo.InvariantCulture), AfterKey = campaign.BackfillKey,
                PageSize = options.Value.PageSize,
            }, cancellationToken: ct);
            foreach (var item in page.Cases)
                if (Guid.TryParse(item.CaseId, out var caseId) && Guid.TryParse(item.CitizenId, out var citizen)
                    && DateTimeOffset.TryParse(item.SubmittedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at))
                    session.Store(new CaseHolder { Id = caseId, CitizenId = citizen, ProcedureCode = campaign.ProcedureCode, SubmittedAt = at });
            campaign.BackfillKey = page.NextKey;
            campaign.CasesBackfilled = page.NextKey.Length == 0;
            session.Store(campaign);
            await session.SaveChangesAsync(ct);
            if (campaign.CasesBackfilled)
                logger.LogInformation("Campaign {Campaign}: the period's cases read from procedures", campaignId);
        }
    }

    private async Task<TopicSubscriber?> BySmsAsync(string list, Guid citizen, string? account, CancellationToken ct)
    {
        if (account is null) return null;
        try
        {
            var contact = await directory.GetCitizenAsync(new GetCitizenRequest { CitizenId = citizen.ToString() }, cancellationToken: ct);
            return string.IsNullOrEmpty(contact.Phone) ? null
                : Member(list, keys.For(ChannelNames.Sms, account, contact.Phone), ChannelNames.Sms, account, contact.Phone,
                    contact.PreferredLanguage is "es" or "en" ? contact.PreferredLanguage : "ca");
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
        {
            return null;
        }
        catch (Grpc.Core.RpcException e)
        {
            logger.LogWarning("The citizens directory did not answer for a campaign's member ({Status}): tried again", e.StatusCode);
            throw;
        }
    }

    private static TopicSubscriber Member(string list, string conversation, string channel, string account, string chatId, string language) => new()
    {
        Id = TopicSubscriber.Key(list, conversation), Topic = list, Conversation = conversation, Channel = channel, Account = account, ChatId = chatId, Language = language,
    };
}
