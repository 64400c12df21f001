using System.Text.Json.Nodes;

namespace Omnichannel.Messaging.Buttons;

/// <summary>
/// A keyword's answer with buttons as a WhatsApp Cloud API message body. Pure. WhatsApp's interactive messages
/// (https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages)
/// take up to three reply buttons (title ≤ 20 characters, id ≤ 256) or one call-to-action link (display_text ≤ 20), under
/// a body of at most 1024 characters, and never both kinds at once. So: keyword buttons are reply buttons; a single link
/// with no keyword button is a call-to-action; any other link is written in the text ("label: url"); a body too long for
/// an interactive message goes as text, the keyword buttons written as the words to send.
/// </summary>
public static class WhatsAppButtons
{
    public const int MaxReplyButtons = 3;
    public const int MaxTitleLength = 20;
    public const int MaxBodyLength = 1024;
    public const int MaxIdLength = 256;

    public static JsonObject Message(string to, string text, IReadOnlyList<ReplyButton> buttons)
    {
        var replies = buttons.Where(b => b.Url is null && b.Data is { Length: > 0 and <= MaxIdLength }).Take(MaxReplyButtons).ToList();
        var links = buttons.Where(b => b.Url is not null).ToList();
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
    private static string Title(string label) => label.Length <= MaxTitleLength ? label : label[..MaxTitleLength];
}
