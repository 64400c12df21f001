using System.Text.Json.Nodes;

namespace Omnichannel.Messaging.Buttons;

/// <summary>
/// A keyword's answer with buttons as a WhatsApp Cloud API message body. Pure. WhatsApp's interactive messages
/// (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages)
/// take up to three reply buttons (title ≤ 20 characters, id ≤ 256) or one call-to-action link (display_text ≤ 20), under
/// a body of at most 1024 characters, and never both kinds at once. So: keyword buttons are reply buttons; a single link
/// with no keyword button is a call-to-action; any other link is written in the text ("label: url"); a body too long for
/// an interactive message goes as text, the keyword buttons written as the words to send. More than three keyword
/// buttons do not fit reply buttons: they become the rows of an interactive list
/// (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages: a
/// button of ≤ 20 characters that opens the list, sections with a title of ≤ 24, at most 10 rows in all, each an id ≤ 200
/// and a title ≤ 24, under a body of at most 4096); the citizen's choice comes back as a list_reply carrying the row's id,
/// read exactly like a button reply.
/// </summary>
public static class WhatsAppButtons
{
    public const int MaxReplyButtons = 3;
    public const int MaxTitleLength = 20;
    public const int MaxBodyLength = 1024;
    public const int MaxIdLength = 256;
    public const int MaxListRows = 10;
    public const int MaxListBodyLength = 4096;
    public const int MaxListButtonLength = 20;
    public const int MaxRowTitleLength = 24;
    public const int MaxRowIdLength = 200;

    /// <param name="language">The conversation's language: the list's button and section title are ours to word.</param>
    public static JsonObject Message(string to, string text, IReadOnlyList<ReplyButton> buttons, string language = "ca")
    {
        var choices = buttons.Where(b => b.Url is null && b.Data is { Length: > 0 and <= MaxRowIdLength }).ToList();
        var links = buttons.Where(b => b.Url is not null).ToList();
        if (choices.Count > MaxReplyButtons) return List(to, text, choices.Take(MaxListRows).ToList(), links, language);
        var replies = buttons.Where(b => b.Url is null && b.Data is { Length: > 0 and <= MaxIdLength }).Take(MaxReplyButtons).ToList();
        if (replies.Count == 0 && links.Count == 1 && text.Length <= MaxBodyLength)
            return Interactive(to, new JsonObject
            {
                ["type"] = "cta_url",
                ["body"] = new JsonObject { ["text"] = text },
                ["action"] = new JsonObject
                {
                    ["name"] = "cta_url",
                    ["parameters"] = new JsonObject { ["display_text"] = Title(links[0].Label), ["url"] = links[0].Url },
                },
            });

        var body = links.Count == 0 ? text : text + "\n\n" + string.Join("\n", links.Select(l => $"{l.Label}: {l.Url}"));
        if (replies.Count > 0 && body.Length <= MaxBodyLength)
            return Interactive(to, new JsonObject
            {
                ["type"] = "button",
                ["body"] = new JsonObject { ["text"] = body },
                ["action"] = new JsonObject
                {
                    ["buttons"] = new JsonArray([.. replies.Select(r => (JsonNode)new JsonObject
                    {
                        ["type"] = "reply",
                        ["reply"] = new JsonObject { ["id"] = r.Data, ["title"] = Title(r.Label) },
                    })]),
                },
            });

        var words = replies.Where(r => r.Word is not null).Select(r => $"{r.Label}: {r.Word}").ToList();
        return Text(to, words.Count == 0 ? body : body + "\n" + string.Join("\n", words));
    }

    /// <summary>More keyword buttons than reply buttons can be: one section of rows, each a keyword's data and label;
    /// links beside them are written in the body. A body too long for a list goes as text with the words to send.</summary>
    private static JsonObject List(string to, string text, IReadOnlyList<ReplyButton> choices, IReadOnlyList<ReplyButton> links, string language)
    {
        var body = links.Count == 0 ? text : text + "\n\n" + string.Join("\n", links.Select(l => $"{l.Label}: {l.Url}"));
        if (body.Length > MaxListBodyLength)
        {
            var words = choices.Where(r => r.Word is not null).Select(r => $"{r.Label}: {r.Word}").ToList();
            return Text(to, words.Count == 0 ? body : body + "\n" + string.Join("\n", words));
        }
        return Interactive(to, new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = body },
            ["action"] = new JsonObject
            {
                ["button"] = Cut(ButtonTexts.ListButton.In(language), MaxListButtonLength),
                ["sections"] = new JsonArray(new JsonObject
                {
                    ["title"] = Cut(ButtonTexts.ListSection.In(language), MaxRowTitleLength),
                    ["rows"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject
                    {
                        ["id"] = c.Data, ["title"] = Cut(c.Label, MaxRowTitleLength),
                    })]),
                }),
            },
        });
    }

    /// <summary>A location message: the place's coordinates, name and address.</summary>
    public static JsonObject Location(string to, ReplyLocation at)
    {
        var location = new JsonObject { ["latitude"] = at.Latitude, ["longitude"] = at.Longitude, ["name"] = at.Name };
        if (at.Address is not null) location["address"] = at.Address;
        return new JsonObject
        {
            ["messaging_product"] = "whatsapp", ["recipient_type"] = "individual", ["to"] = to, ["type"] = "location", ["location"] = location,
        };
    }

    public static JsonObject Text(string to, string text) => new()
    {
        ["messaging_product"] = "whatsapp", ["recipient_type"] = "individual", ["to"] = to, ["type"] = "text",
        ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = text },
    };

    private static JsonObject Interactive(string to, JsonObject interactive) => new()
    {
        ["messaging_product"] = "whatsapp", ["recipient_type"] = "individual", ["to"] = to, ["type"] = "interactive", ["interactive"] = interactive,
    };

    /// <summary>Labels are checked as staff write them; the demo's file is not, so a title is cut here too.</summary>
    private static string Title(string label) => Cut(label, MaxTitleLength);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
