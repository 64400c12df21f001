using Omnichannel.Contracts;
using Omnichannel.Messaging.Channels;
using Omnichannel.Messaging.Conversations;
using Omnichannel.Messaging.Operators;
using Omnichannel.Messaging.Operators.HandingOver;

namespace Omnichannel.Messaging.Complaints;

/// <summary>
/// A complaint told in the chat, as Mataró's service took them ("quejas y sugerencias con imágenes … geolocalizaciones"):
/// after the complaint keyword, texts no keyword answers are noted, and the first photo or location within
/// <see cref="Window"/> files the complaint — its description the notes and the photo's caption — as an incident
/// (integration event ChatComplaintSubmitted, consumed by incidents). The incident's code comes back in the chat
/// (<see cref="ComplaintFiledNotice"/>). Pure.
/// </summary>
public static class ComplaintFlow
{
    /// <summary>How long after the complaint keyword a photo or location still belongs to it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>How long after its incident was filed files a citizen sends still go to it (an e-mail answering the
    /// council's message with the code, days later).</summary>
    public static readonly TimeSpan FollowUpWindow = TimeSpan.FromDays(14);

    /// <summary>The complaint's part in routing a message, or null when it has none.</summary>
    public static Routed? Follow(DeskState desk, Opening conversation, InboundMessage message, Reply? reply, Guid complaintId, DateTimeOffset at)
    {
        var language = conversation.Language;
        // Files only an e-mail carries: a message with them that no keyword answered belongs to the complaint.
        var files = message.Attachments.Count > 0;
        var unanswered = reply is null || reply.Reason == ReplyReasons.Unanswered;
        if (reply?.Reason == ReplyReasons.ComplaintKeyword)
            // An e-mail tells the whole complaint at once — the keyword, the words and the photos — and is filed at once.
            return files ? Submit(desk with { ComplaintNotes = [] }, conversation, message, complaintId, at) : new Routed(reply, [new ComplaintStarted(at)]);

        if (desk.ComplaintSince is { } since && at - since <= Window)
        {
            if ((message.Kind is MessageKind.Photo or MessageKind.Location && reply is null) || (files && unanswered))
                return Submit(desk, conversation, message, complaintId, at);
            if (reply?.Reason == ReplyReasons.Unanswered && message.Text is { } text)
                return new Routed(new Reply(Noted.In(language), ReplyReasons.Complaint, null), [new ComplaintNoted(SafeText.Of(text)!, at)]);
            return null;
        }

        // Files sent after the complaint was filed are more of the same: they go to its incident.
        if (files && unanswered && desk is { FiledComplaintId: { } filed, FiledAt: { } filedAt } && at - filedAt <= FollowUpWindow)
            return new Routed(new Reply(Added(language, desk.FiledIncidentCode ?? "", message.Attachments.Count), ReplyReasons.Complaint, null),
                [new ComplaintAttachmentsAdded(filed, [.. message.Attachments.Select(a => a.Sha256)], at)]);
        return null;
    }

    private static Routed Submit(DeskState desk, Opening conversation, InboundMessage message, Guid complaintId, DateTimeOffset at)
    {
        var language = conversation.Language;
        var told = desk.ComplaintNotes.Append(message.Text).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var description = told.Count > 0 ? string.Join("\n", told) : NoText.In(language);
        // A chat photo by its provider's file id; an e-mail's files by their hash in messaging's inbound store.
        string[] photos = [.. message.Kind == MessageKind.Photo && message.MediaId is { } media ? new[] { media } : [], .. message.Attachments.Select(a => a.Sha256)];
        return new Routed(new Reply(Filing.In(language), ReplyReasons.Complaint, null),
            [new ComplaintSubmitted(complaintId, SafeText.Of(description)!, message.Location, photos, conversation.CitizenId, conversation.Channel, at)]);
    }

    public static readonly LocalizedText Noted = new(
        "Anotat. Ara envia una foto o la ubicació (📎) i registrarem la queixa.",
        "Anotado. Ahora envía una foto o la ubicación (📎) y registraremos la queja.",
        "Noted. Now send a photo or the location (📎) and we will file the complaint.");

    public static readonly LocalizedText Filing = new(
        "Gràcies. Registrem la teva queixa: d'aquí a un moment t'enviem el codi per seguir-la.",
        "Gracias. Registramos tu queja: en un momento te enviamos el código para seguirla.",
        "Thank you. We are filing your complaint: in a moment we will send you the code to follow it.");

    public static readonly LocalizedText NoText = new("Queixa enviada pel xat, sense text.", "Queja enviada por el chat, sin texto.", "Complaint sent through the chat, without text.");

    public static string Added(string language, string code, int files) => language switch
    {
        "es" => $"Hemos añadido {Count(files, "el archivo", "archivos")} a tu queja {code}.",
        "en" => $"We have added {Count(files, "the file", "files")} to your complaint {code}.",
        _ => $"Hem afegit {Count(files, "el fitxer", "fitxers")} a la teva queixa {code}.",
    };

    private static string Count(int files, string one, string many) => files == 1 ? one : $"{files} {many}";

    public static string Filed(string language, string code) => language switch
    {
        "es" => $"Hemos registrado tu queja con el código {code}. Para saber cómo está, envía INCIDENCIA {code}.",
        "en" => $"We have filed your complaint with the code {code}. To know how it stands, send INCIDENT {code}.",
        _ => $"Hem registrat la teva queixa amb el codi {code}. Per saber com està, envia INCIDÈNCIA {code}.",
    };
}

/// <summary>Where a complaint's incident code goes back to (the conversation that sent it), by complaint id.</summary>
public sealed class ChatComplaint
{
    public Guid Id { get; set; }
    public string Conversation { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Account { get; set; } = "";
    public string ChatId { get; set; } = "";
    public string Language { get; set; } = "ca";
    /// <summary>The provider's file ids of the complaint's photos (fetched into the incident's attachments).</summary>
    public List<string> PhotoFileIds { get; set; } = [];
}
