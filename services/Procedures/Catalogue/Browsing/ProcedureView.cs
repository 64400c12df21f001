using System.Globalization;
using System.Text;
using Marten.Events.Aggregation;
using Omnichannel.Contracts;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Procedures.Catalogue.Browsing;

/// <summary>The catalogue entry as channels read it. Id is the stream key; <see cref="Version"/> is the
/// stream version, which staff send back as If-Match when they revise.</summary>
[NotPersonal]
public sealed class ProcedureView
{
    public string Id { get; set; } = "";
    public string Code { get; set; } = "";
    public long Version { get; set; }
    public bool Withdrawn { get; set; }
    public string Category { get; set; } = "";
    public LocalizedText Names { get; set; } = new("", "", "");
    public LocalizedText Guidance { get; set; } = new("", "", "");
    public List<string> Channels { get; set; } = [];
    public int AverageAttentionMinutes { get; set; }
    public bool AttachmentsRequired { get; set; }
    public List<LocalizedText> DocumentsRequired { get; set; } = [];
    public List<string> Keywords { get; set; } = [];
    public string? EOfficeUrl { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether free text typed by a citizen ("padro", "Padró", "certificat") names this procedure:
    /// accent- and case-insensitive, in any of the three languages or the keywords.</summary>
    public bool Matches(string text)
    {
        var wanted = Fold(text);
        return new[] { Names.Ca, Names.Es, Names.En, Code }.Concat(Keywords).Any(candidate => Fold(candidate).Contains(wanted));
    }

    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c != '·') folded.Append(c);
        return folded.ToString();
    }
}

public sealed partial class ProcedureViewProjection : SingleStreamProjection<ProcedureView, string>
{
    public ProcedureView Create(ProcedurePublished e) => Apply(e, new ProcedureView());

    public ProcedureView Apply(ProcedurePublished e, ProcedureView view)
    {
        Fill(view, e.Code, e.Details, e.At);
        view.Withdrawn = false;
        view.PublishedAt = e.At;
        return view;
    }

    public ProcedureView Apply(ProcedureRevised e, ProcedureView view)
    {
        Fill(view, e.Code, e.Details, e.At);
        return view;
    }

    public ProcedureView Apply(ProcedureWithdrawn e, ProcedureView view)
    {
        view.Withdrawn = true;
        view.UpdatedAt = e.At;
        return view;
    }

    private static void Fill(ProcedureView view, string code, ProcedureDetails d, DateTimeOffset at)
    {
        view.Code = code;
        view.Category = d.Category;
        view.Names = d.Names;
        view.Guidance = d.Guidance;
        view.Channels = [.. d.Channels];
        view.AverageAttentionMinutes = d.AverageAttentionMinutes;
        view.AttachmentsRequired = d.AttachmentsRequired;
        view.DocumentsRequired = [.. d.DocumentsRequired];
        view.Keywords = [.. d.Keywords];
        view.EOfficeUrl = d.EOfficeUrl;
        view.UpdatedAt = at;
    }
}
