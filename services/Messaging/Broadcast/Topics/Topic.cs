using Marten;
using Omnichannel.Contracts;
using Omnichannel.Messaging.Keywords;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Messaging.Broadcast.Topics;

/// <summary>A council's broadcast list ("obres", "talls d'aigua"…): staff name and describe it in ca/es/en, citizens
/// join it by message. A retired topic takes no new members and no new alerts; its code is never reused.</summary>
[NotPersonal]
public sealed class Topic
{
    /// <summary>The code (the document id within the council).</summary>
    public string Id { get; set; } = "";
    public string Code => Id;
    public LocalizedText Names { get; set; } = new("", "", "");
    public LocalizedText Descriptions { get; set; } = new("", "", "");
    public bool Retired { get; set; }
    /// <summary>Bumped by every change: the ETag staff send back as If-Match.</summary>
    public long Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether what a citizen wrote after ALTA/BAIXA names this topic: its code or its name in any language,
    /// matched as keywords are (case, accents, punctuation ignored).</summary>
    public bool IsCalled(string words)
    {
        var wanted = KeywordMatching.Normalize(words);
        return wanted.Length > 0 && (wanted == KeywordMatching.Normalize(Id)
            || LocalizedText.Languages.Any(l => KeywordMatching.Normalize(Names.In(l)) == wanted));
    }

    /// <summary>The council's topic a citizen's words name (the code first, then the names; retired ones too, so
    /// BAIXA still works on them).</summary>
    public static async Task<Topic?> FindAsync(IQuerySession session, string words, CancellationToken ct)
    {
        var code = KeywordMatching.Normalize(words).Replace(' ', '-');
        if (await session.LoadAsync<Topic>(code, ct) is { } byCode) return byCode;
        // A council has tens of topics, not thousands: reading them all is cheap.
        var all = await session.Query<Topic>().ToListAsync(ct);
        return all.FirstOrDefault(t => t.IsCalled(words));
    }
}
