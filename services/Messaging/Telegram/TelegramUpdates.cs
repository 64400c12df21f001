using System.Globalization;
using System.Text.Json;
using Omnichannel.Messaging.Channels;

namespace Omnichannel.Messaging.Telegram;

/// <summary>
/// Reads a Bot API <c>Update</c> (https://core.telegram.org/bots/api#update) into an <see cref="Inbound"/>: pure, so
/// every shape is tested without a server. Malformed JSON or an update of the wrong shape is an error (400, nothing
/// stored); a well-formed update of a kind not handled here (a poll, a channel post, …) is <see cref="InboundIgnored"/>.
/// </summary>
public static class TelegramUpdates
{
    public sealed record Reading(Inbound? Update, string? Error)
    {
        public static Reading Bad(string error) => new(null, error);
    }

    public static Reading Read(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed)) return Reading.Bad("The body is not JSON.");
            document = parsed;
        }
        catch (JsonException) { return Reading.Bad("The body is not valid JSON."); }
        catch (ArgumentException) { return Reading.Bad("The body is not valid UTF-8 JSON."); }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Reading.Bad("An update is a JSON object.");
            if (!root.TryGetProperty("update_id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var updateId))
                return Reading.Bad("update_id: a whole number is required.");
            var delivery = updateId.ToString(CultureInfo.InvariantCulture);

            if (root.TryGetProperty("message", out var message)) return Message(delivery, message, edited: false);
            if (root.TryGetProperty("edited_message", out var edited)) return Message(delivery, edited, edited: true);
            if (root.TryGetProperty("callback_query", out var callback)) return Callback(delivery, callback);
            if (root.TryGetProperty("my_chat_member", out var member)) return ChatMember(delivery, member);

            var what = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "update_id") ?? "nothing";
            return new Reading(new InboundIgnored { DeliveryId = delivery, What = what }, null);
        }
    }

    private static Reading Message(string delivery, JsonElement message, bool edited)
    {
        if (message.ValueKind != JsonValueKind.Object) return Reading.Bad("message: an object is required.");
        if (ChatId(message) is not { } chat) return Reading.Bad("message.chat.id: a whole number is required.");
        var text = String(message, "text") ?? String(message, "caption");
        var (kind, location, media, contact) =
            message.TryGetProperty("photo", out var photo) && photo.ValueKind == JsonValueKind.Array && photo.GetArrayLength() > 0
                // Telegram lists the sizes smallest first: keep the largest.
                ? (MessageKind.Photo, (GeoPoint?)null, String(photo[photo.GetArrayLength() - 1], "file_id"), (string?)null)
            : message.TryGetProperty("video", out var video) && video.ValueKind == JsonValueKind.Object
                ? (MessageKind.Video, null, String(video, "file_id"), null)
            : message.TryGetProperty("document", out var file) && file.ValueKind == JsonValueKind.Object
                ? (MessageKind.Document, null, String(file, "file_id"), null)
            : message.TryGetProperty("location", out var at) && Point(at) is { } point
                ? (MessageKind.Location, point, null, null)
            : message.TryGetProperty("contact", out var card) && card.ValueKind == JsonValueKind.Object
                ? (MessageKind.Contact, null, null, String(card, "phone_number"))
            : text is not null ? (MessageKind.Text, null, null, null)
            : (MessageKind.Other, null, null, null);
        return new Reading(new InboundMessage
        {
            DeliveryId = delivery,
            ChatId = chat,
            Kind = edited ? MessageKind.Edited : kind,
            Text = text,
            LanguageHint = message.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object ? String(from, "language_code") : null,
            Location = location,
            MediaId = media,
            ContactPhone = contact,
            ProviderMessageId = Long(message, "message_id"),
        }, null);
    }

    private static Reading Callback(string delivery, JsonElement callback)
    {
        if (callback.ValueKind != JsonValueKind.Object) return Reading.Bad("callback_query: an object is required.");
        // The chat is the message's the button was on; an inline-mode button has none, and then the user is the chat.
        var chat = (callback.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object ? ChatId(message) : null)
            ?? (callback.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object && Long(from, "id") is { } user ? user : null);
        if (chat is null) return Reading.Bad("callback_query.message.chat.id: a whole number is required.");
        return new Reading(new InboundMessage
        {
            DeliveryId = delivery,
            ChatId = chat,
            Kind = MessageKind.Button,
            Text = String(callback, "data"),
            // A press without data (a game's button) is still a press: answered as one that is no longer available.
            ButtonData = String(callback, "data") ?? "",
            CallbackQueryId = String(callback, "id"),
            LanguageHint = callback.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object ? String(f, "language_code") : null,
        }, null);
    }

    private static Reading ChatMember(string delivery, JsonElement member)
    {
        if (member.ValueKind != JsonValueKind.Object) return Reading.Bad("my_chat_member: an object is required.");
        if (ChatId(member) is not { } chat) return Reading.Bad("my_chat_member.chat.id: a whole number is required.");
        var status = member.TryGetProperty("new_chat_member", out var now) && now.ValueKind == JsonValueKind.Object ? String(now, "status") : null;
        return status switch
        {
            "kicked" or "left" => new Reading(new InboundBlocked { DeliveryId = delivery, ChatId = chat, Blocked = true }, null),
            "member" => new Reading(new InboundBlocked { DeliveryId = delivery, ChatId = chat, Blocked = false }, null),
            _ => new Reading(new InboundIgnored { DeliveryId = delivery, What = $"my_chat_member:{status ?? "?"}" }, null),
        };
    }

    private static string? ChatId(JsonElement holder) =>
        holder.TryGetProperty("chat", out var chat) && chat.ValueKind == JsonValueKind.Object && Long(chat, "id") is { } id ? id : null;

    private static string? Long(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
            ? n.ToString(CultureInfo.InvariantCulture) : null;

    private static string? String(JsonElement holder, string name) =>
        holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static GeoPoint? Point(JsonElement at) =>
        at.ValueKind == JsonValueKind.Object
        && at.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number && lat.TryGetDouble(out var la)
        && at.TryGetProperty("longitude", out var lon) && lon.ValueKind == JsonValueKind.Number && lon.TryGetDouble(out var lo)
        && la is >= -90 and <= 90 && lo is >= -180 and <= 180
            ? new GeoPoint(la, lo) : null;
}
