using Omnichannel.BuildingBlocks.Files;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.Incidents.Attachments;
using Omnichannel.Incidents.Model;
using static Omnichannel.Incidents.Tests.Domain.Examples;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>Attachments: the type by the bytes (never the name), the size by the family, and the decision to attach.</summary>
public sealed class AttachmentTests
{
    private static readonly DateTimeOffset Monday9 = Madrid(2026, 11, 23, 9);
    private static readonly DateTimeOffset Monday10 = Madrid(2026, 11, 23, 10);
    private static readonly IncidentReported Reported = Examples.Reported(Monday9);
    private static readonly AttachmentOptions Limits = new() { MaxImageBytes = 1000, MaxVideoBytes = 5000, MaxDocumentBytes = 2000, MaxPerIncident = 2 };

    public static byte[] Bytes(params object[] parts) => parts.SelectMany(p => p switch
    {
        string text => System.Text.Encoding.ASCII.GetBytes(text),
        byte[] bytes => bytes,
        int b => [(byte)b],
        _ => throw new ArgumentException("bytes or text"),
    }).Concat(new byte[40]).ToArray();

    public static TheoryData<string, byte[]> Recognised() => new()
    {
        { "image/jpeg", Bytes(0xFF, 0xD8, 0xFF, 0xE0, "JFIF") },
        { "image/png", Bytes(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) },
        { "image/gif", Bytes("GIF89a") },
        { "image/webp", Bytes("RIFF", new byte[] { 1, 2, 3, 4 }, "WEBPVP8 ") },
        { "application/pdf", Bytes("%PDF-1.7") },
        { "video/mp4", Bytes(new byte[] { 0, 0, 0, 0x20 }, "ftypisom") },
        { "video/mp4", Bytes(new byte[] { 0, 0, 0, 0x1C }, "ftypmp42") },
        { "video/quicktime", Bytes(new byte[] { 0, 0, 0, 0x14 }, "ftypqt  ") },
        { "video/webm", Bytes(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84 }, "webm") },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public void A_file_is_recognised_by_its_first_bytes(string contentType, byte[] content) =>
        Assert.Equal(contentType, FileTypes.Recognise(content)?.ContentType);

    public static TheoryData<string, byte[]> NotAccepted() => new()
    {
        { "plain text named photo.jpg", Bytes("Hello, this is not a photo") },
        { "a Windows program", Bytes("MZ", 0x90, 0) },
        { "an HTML page", Bytes("<!DOCTYPE html><script>") },
        { "a HEIC photo (ISO container, image brand)", Bytes(new byte[] { 0, 0, 0, 0x18 }, "ftypheic") },
        { "a Matroska video that is not WebM", Bytes(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81 }, "matroska") },
        { "a truncated PNG signature", new byte[] { 0x89, 0x50, 0x4E } },
    };

    [Theory]
    [MemberData(nameof(NotAccepted))]
    public void Anything_else_is_refused_as_an_unsupported_type(string what, byte[] content)
    {
        var refused = Assert.Throws<AttachmentRefused>(() => AttachmentContent.Check(content, content.Length, Limits));
        Assert.True(refused.Reason == AttachmentRefused.UnsupportedType, what);
        Assert.Equal(415, refused.Status);
    }

    [Fact]
    public void Each_family_has_its_own_size_limit_its_boundary_included()
    {
        var jpeg = Bytes(0xFF, 0xD8, 0xFF, 0xE0);
        var mp4 = Bytes(new byte[] { 0, 0, 0, 0x20 }, "ftypisom");
        Assert.Equal("image/jpeg", AttachmentContent.Check(jpeg, 1000, Limits).ContentType);
        var image = Assert.Throws<AttachmentRefused>(() => AttachmentContent.Check(jpeg, 1001, Limits));
        Assert.Equal((AttachmentRefused.Oversized, 413), (image.Reason, image.Status));
        // The same size is fine for a video, whose limit is larger.
        Assert.Equal("video/mp4", AttachmentContent.Check(mp4, 5000, Limits).ContentType);
        Assert.Throws<AttachmentRefused>(() => AttachmentContent.Check(mp4, 5001, Limits));
        Assert.Throws<AttachmentRefused>(() => AttachmentContent.Check(Bytes("%PDF-1.4"), 2001, Limits));
    }

    [Fact]
    public void An_empty_file_is_a_bad_request_saying_so()
    {
        var refused = Assert.Throws<AttachmentRefused>(() => AttachmentContent.Check([], 0, Limits));
        Assert.Equal((AttachmentRefused.Empty, 400), (refused.Reason, refused.Status));
    }

    private static Scenario<Incident> Given(params object[] events) => Scenario<Incident>.Given(Incident.Initial, Incident.Evolve, events);

    private static readonly IncidentAttachment Photo = new(new string('a', 64), "image/jpeg", 900);
    private static readonly IncidentAttachment Video = new(new string('b', 64), "video/mp4", 4000);
    private static readonly IncidentAttachment Screenshot = new(new string('c', 64), "image/png", 300);

    [Fact]
    public void The_reporter_attaches_a_file_recorded_by_hash_type_and_size_only()
    {
        Given(Reported).When(s => AddAttachmentDecision.Decide(new AddAttachment(Photo, AttachmentAdded.Reporter, Monday10, null), s, Limits.MaxPerIncident))
            .Then(new AttachmentAdded(Ref, Photo, AttachmentAdded.Reporter, Monday10));
    }

    [Fact]
    public void The_same_file_twice_is_one_attachment()
    {
        Given(Reported, new AttachmentAdded(Ref, Photo, AttachmentAdded.Reporter, Monday10))
            .When(s => AddAttachmentDecision.Decide(new AddAttachment(Photo, AttachmentAdded.Staff, Monday10, "staff-ana"), s, Limits.MaxPerIncident))
            .ThenNothingHappens();
    }

    [Fact]
    public void An_incident_takes_at_most_the_configured_number_of_attachments()
    {
        var refused = Given(Reported, new AttachmentAdded(Ref, Photo, AttachmentAdded.Reporter, Monday10), new AttachmentAdded(Ref, Video, AttachmentAdded.Reporter, Monday10))
            .When(s => AddAttachmentDecision.Decide(new AddAttachment(Screenshot, AttachmentAdded.Reporter, Monday10, null), s, Limits.MaxPerIncident))
            .ThenRejected(RejectionKind.Conflict);
        Assert.Contains("the most it may have", refused.Message);
    }

    [Fact]
    public void A_closed_incident_takes_no_more_attachments_but_a_resolved_one_does()
    {
        var resolved = new IncidentResolved(Ref, "Done.", Reported.Sla, Monday10, "staff-ana");
        Given(Reported, resolved).When(s => AddAttachmentDecision.Decide(new AddAttachment(Photo, AttachmentAdded.Reporter, Monday10, null), s, 10))
            .Then(new AttachmentAdded(Ref, Photo, AttachmentAdded.Reporter, Monday10));
        var refused = Given(Reported, resolved, new IncidentClosed(Ref, Monday10, "staff-ana"))
            .When(s => AddAttachmentDecision.Decide(new AddAttachment(Photo, AttachmentAdded.Reporter, Monday10, null), s, 10))
            .ThenRejected(RejectionKind.Conflict);
        Assert.Contains("closed", refused.Message);
    }
}
