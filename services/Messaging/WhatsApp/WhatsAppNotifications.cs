using System.Globalization;
using System.Text.Json;
using Omnichannel.Messaging.Channels;

namespace Omnichannel.Messaging.WhatsApp;

/// <summary>
/// Reads a WhatsApp Cloud API webhook notification (<c>{"object":"whatsapp_business_account","entry":[{"changes":[{"field":
/// "messages","value":{"metadata":{"phone_number_id"},"messages":[…],"statuses":[…]}}]}]}</c>) into what each business
/// number received: messages (text, image, video, location, contacts, button replies) and delivery statuses, which
/// arrive in any order. Pure. Malformed JSON or a notification of the wrong shape is an error (400, nothing stored).
/// </summary>
public static class WhatsAppNotifications
{
    public sealed record Item(string PhoneNumberId, Inbound Inbound);

    public sealed record Reading(IReadOnlyList<Item>? Items, string? Error)
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
            if (root.ValueKind != JsonValueKind.Object || String(root, "object") is not { } kind) return Reading.Bad("object: a notification names its object.");
            if (kind != "whatsapp_business_account") return new Reading([], null); // another product's notification: not ours to handle
            if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return Reading.Bad("entry: a list is required.");

            var items = new List<Item>();
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
                    return Reading.Bad("entry[].changes: a list is required.");
                foreach (var change in changes.EnumerateArray())
                {
                    if (change.ValueKind != JsonValueKind.Object) return Reading.Bad("entry[].changes[]: an object is required.");
                    if (String(change, "field") != "messages") continue; // account updates, template reviews, …
                    if (!change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) return Reading.Bad("changes[].value: an object is required.");
                    var number = value.TryGetProperty("metadata", out var metadata) ? String(metadata, "phone_number_id") : null;
                    if (number is null || !number.All(char.IsAsciiDigit)) return Reading.Bad("value.metadata.phone_number_id: required.");

                    if (value.TryGetProperty("messages", out var messages))
                    {
                        if (messages.ValueKind != JsonValueKind.Array) return Reading.Bad("value.messages: a list is required.");
                        foreach (var message in messages.EnumerateArray())
                        {
                            if (Message(message) is not { } inbound) return Reading.Bad("value.messages[]: from, id and type are required.");
                            items.Add(new Item(number, inbound));
                        }
                    }
                    if (value.TryGetProperty("statuses", out var statuses))
                    {
                        if (statuses.ValueKind != JsonValueKind.Array) return Reading.Bad("value.statuses: a list is required.");
                        foreach (var status in statuses.EnumerateArray())
                        {
                            var read = Status(status);
                            if (read.Error is not null) return Reading.Bad(read.Error);
                            if (read.Inbound is { } inbound) items.Add(new Item(number, inbound));
                        }
                    }
                }
            }
            return new Reading(items, null);
        }
    }

    private static InboundMessage? Message(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object) return null;
        var from = String(message, "from");
        var id = String(message, "id");
        var type = String(message, "type");
        if (from is null || !IsWaId(from) || id is null || type is null) return null;

        (MessageKind Kind, string? Text, string? Media, GeoPoint? Location, string? Contact) read = type switch
        {
            "text" => (MessageKind.Text, Inner(message, "text", "body"), null, null, null),
            "image" => (MessageKind.Photo, Inner(message, "image", "caption"), Inner(message, "image", "id"), null, null),
            "video" => (MessageKind.Video, Inner(message, "video", "caption"), Inner(message, "video", "id"), null, null),
            "document" => (MessageKind.Document, Inner(message, "document", "caption"), Inner(message, "document", "id"), null, null),
            "location" => (MessageKind.Location, null, null, Point(message), null),
            "contacts" => (MessageKind.Contact, null, null, null, FirstPhone(message)),
            "button" => (MessageKind.Button, Inner(message, "button", "payload") ?? Inner(message, "button", "text"), null, null, null),
            "interactive" => (MessageKind.Button, Reply(message), null, null, null),
            _ => (MessageKind.Other, null, null, null, null),
        };
        return new InboundMessage
        {
            DeliveryId = id, ChatId = from, Kind = read.Kind, Text = read.Text, MediaId = read.Media, Location = read.Location, ContactPhone = read.Contact, ProviderMessageId = id,
            // A reply button or list row of ours: its id names the keyword (a template's quick reply stays text).
            ButtonData = type == "interactive" ? read.Text ?? "" : null,
        };
    }

    private static (Inbound? Inbound, string? Error) Status(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object) return (null, "value.statuses[]: an object is required.");
        var id = String(status, "id");
        var recipient = String(status, "recipient_id");
        var name = String(status, "status");
        if (id is null || recipient is null || !IsWaId(recipient) || name is null) return (null, "value.statuses[]: id, recipient_id and status are required.");
        DeliveryStatus? known = name switch
        {
            "sent" => DeliveryStatus.Sent, "delivered" => DeliveryStatus.Delivered, "read" => DeliveryStatus.Read, "failed" => DeliveryStatus.Failed, _ => null,
        };
        if (known is null) return (new InboundIgnored { DeliveryId = $"{id}:{name}", What = $"status:{name}" }, null);
        var at = long.TryParse(String(status, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 7_000_000_000
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.UnixEpoch;
        // One delivery per message and status: a redelivered "read" is the same delivery, a "read" after a "delivered" is not.
        return (new InboundDeliveryStatus { DeliveryId = $"{id}:{name}", ChatId = recipient, ProviderMessageId = id, Status = known.Value, At = at }, null);
    }

    /// <summary>A WhatsApp id is the number in international form without the '+'.</summary>
    private static bool IsWaId(string value) => value.Length is >= 6 and <= 20 && value.All(char.IsAsciiDigit);

    private static string? Reply(JsonElement message) =>
        message.TryGetProperty("interactive", out var interactive) && interactive.ValueKind == JsonValueKind.Object
            ? Inner(interactive, "button_reply", "id") ?? Inner(interactive, "list_reply", "id") : null;

    private static string? FirstPhone(JsonElement message) =>
        message.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array && contacts.GetArrayLength() > 0
        && contacts[0].ValueKind == JsonValueKind.Object && contacts[0].TryGetProperty("phones", out var phones)
        && phones.ValueKind == JsonValueKind.Array && phones.GetArrayLength() > 0
            ? String(phones[0], "phone") : null;

    private static GeoPoint? Point(JsonElement message) =>
        message.TryGetProperty("location", out var at) && at.ValueKind == JsonValueKind.Object
        && at.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number && lat.TryGetDouble(out var la)
        && at.TryGetProperty("longitude", out var lon) && lon.ValueKind == JsonValueKind.Number && lon.TryGetDouble(out var lo)
        && la is >= -90 and <= 90 && lo is >= -180 and <= 180
            ? new GeoPoint(la, lo) : null;

    private static string? Inner(JsonElement holder, string outer, string name) =>
        holder.TryGetProperty(outer, out var inner) ? String(inner, name) : null;

    private static string? String(JsonElement holder, string name) =>
        holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
