using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.BuildingBlocks.PersonalData;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>Attachments in the default store, PostgreSQL: the behaviour of <see cref="AttachmentBehaviour{TPlatform}"/>,
/// copies counted in the table incidents.attachment_contents.</summary>
public sealed class AttachmentApiTests(IncidentsPlatform platform) : AttachmentBehaviour<IncidentsPlatform>(platform)
{
    protected override Task<long> StoredCopiesAsync(string sha256) => RowsInPostgresAsync(sha256);
}

/// <summary>Attachments on real PostgreSQL (and, derived, on a real S3-compatible store): uploaded as multipart by the
/// reporter (by code) or staff, judged by content, stored once by hash outside the stream, downloaded with their type;
/// bad files refused naming the reason. Each store counts its own stored copies.</summary>
public abstract class AttachmentBehaviour<TPlatform>(TPlatform platform) : IClassFixture<TPlatform> where TPlatform : IncidentsPlatform
{
    /// <summary>How many copies of the bytes with this hash the configured store holds.</summary>
    protected abstract Task<long> StoredCopiesAsync(string sha256);

    protected TPlatform Platform => platform;

    protected static byte[] Jpeg(int size, byte seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        return bytes;
    }

    private static byte[] Mp4(int size)
    {
        var bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        "\0\0\0 ftypisom"u8.CopyTo(bytes);
        return bytes;
    }

    protected static MultipartFormDataContent Form(byte[] content, string fileName = "photo.jpg", string declared = "image/jpeg", string part = "file")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declared);
        return new MultipartFormDataContent { { file, part, fileName } };
    }

    protected async Task<(Guid Id, string Code)> ReportAsync(Guid? citizenId = null)
    {
        var response = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents",
            new { kind = "complaint", channel = "whatsapp", citizenId, description = "A broken bench in the park, photo attached." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (reply.GetProperty("incidentId").GetGuid(), reply.GetProperty("code").GetString()!);
    }

    /// <summary>Rows of the PostgreSQL store with this hash.</summary>
    protected async Task<long> RowsInPostgresAsync(string sha256)
    {
        await using var connection = new NpgsqlConnection(platform.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from incidents.attachment_contents where sha256 = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_citizens_erasure_deletes_their_attachments_bytes_from_the_store_but_not_bytes_another_citizens_incident_also_holds()
    {
        // Registered citizens: a report naming an unknown one is refused (400 naming citizenId).
        var (citizen, neighbour) = (await platform.RegisterCitizenAsync(), await platform.RegisterCitizenAsync());
        var (id, code) = await ReportAsync(citizen);
        var (_, neighbourCode) = await ReportAsync(neighbour);
        var (own, shared) = (Jpeg(30_000, 21), Jpeg(30_000, 22));
        var (ownSha, sharedSha) = (Convert.ToHexStringLower(SHA256.HashData(own)), Convert.ToHexStringLower(SHA256.HashData(shared)));
        foreach (var (at, photo) in new[] { (code, own), (code, shared), (neighbourCode, shared) })
            Assert.Equal(HttpStatusCode.Created, (await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{at}/attachments", Form(photo))).StatusCode);
        Assert.Equal((1L, 1L), (await StoredCopiesAsync(ownSha), await StoredCopiesAsync(sharedSha)));

        await platform.Incidents.Services.GetRequiredService<CitizenErasure>().EraseAsync(Tokens.Tenant, citizen, CancellationToken.None);

        Assert.Equal(0L, await StoredCopiesAsync(ownSha));
        Assert.Equal(1L, await StoredCopiesAsync(sharedSha)); // the neighbour's incident still holds these bytes
        Assert.Equal(HttpStatusCode.NotFound, (await platform.AsStaff().GetAsync($"/api/incidents/{id}/attachments/{ownSha}")).StatusCode);
    }

    [Fact]
    public async Task The_reporter_attaches_a_photo_by_code_and_staff_and_the_reporter_download_it_with_its_type()
    {
        var (id, code) = await ReportAsync();
        var photo = Jpeg(150_000, 1);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));

        // Named and declared as a PDF: what counts is what the bytes are.
        var response = await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(photo, "report.pdf", "application/pdf"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((sha, "image/jpeg", 150_000L, 1), (reply.GetProperty("sha256").GetString(), reply.GetProperty("contentType").GetString(),
            reply.GetProperty("size").GetInt64(), reply.GetProperty("attachments").GetInt32()));

        var view = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        var attached = Assert.Single(view.GetProperty("attachments").EnumerateArray());
        Assert.Equal((sha, "reporter"), (attached.GetProperty("sha256").GetString(), attached.GetProperty("addedBy").GetString()));

        foreach (var (client, url) in new[] { (platform.AsStaff(), $"/api/incidents/{id}/attachments/{sha}"), (platform.AsChannelApp(), $"/api/incidents/by-code/{code}/attachments/{sha}") })
        {
            var download = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task The_stream_holds_the_hash_type_and_size_and_never_the_bytes()
    {
        var (id, code) = await ReportAsync();
        var photo = Jpeg(20_000, 2);
        Assert.Equal(HttpStatusCode.Created, (await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(photo))).StatusCode);

        await using var connection = new NpgsqlConnection(platform.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from incidents.mt_events where stream_id = $1 and type = 'attachment_added'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"incident:{id:N}" });
        var data = (string)(await command.ExecuteScalarAsync())!;
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(photo)), data);
        Assert.True(data.Length < 1000, $"the event is {data.Length} characters long");
        Assert.DoesNotContain(Convert.ToBase64String(photo[..30]), data);
    }

    [Fact]
    public async Task The_same_file_is_stored_once_whatever_incidents_it_is_attached_to()
    {
        var (first, firstCode) = await ReportAsync();
        var (_, secondCode) = await ReportAsync();
        var video = Mp4(300_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(video));

        Assert.Equal(HttpStatusCode.Created, (await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{firstCode}/attachments", Form(video, "clip.mp4", "video/mp4"))).StatusCode);
        // Again on the same incident: nothing new (200, still one attachment).
        var again = await platform.AsStaff().PostAsync($"/api/incidents/{first}/attachments", Form(video, "clip.mp4", "video/mp4"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{secondCode}/attachments", Form(video, "clip.mp4", "video/mp4"))).StatusCode);

        Assert.Equal(1, await StoredCopiesAsync(sha));
    }

    [Fact]
    public async Task A_file_that_is_not_an_accepted_type_by_its_content_is_a_415_naming_the_reason_whatever_its_name()
    {
        var (_, code) = await ReportAsync();
        var text = "Just some text pretending to be a photo."u8.ToArray();
        var problem = await ProblemAsync(await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(text, "photo.jpg", "image/jpeg")),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported-type", problem.GetProperty("reason").GetString());
        Assert.Contains("by its content", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_file_over_its_familys_limit_is_a_413_and_an_empty_one_a_400_naming_the_file()
    {
        var (_, code) = await ReportAsync();
        // 250 kB: over the images' 200 kB of this test's configuration, under the videos' 400 kB.
        var tooLarge = await ProblemAsync(await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(Jpeg(250_000, 3))),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("oversized", tooLarge.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Created, (await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(Mp4(250_000), "clip.mp4"))).StatusCode);
        // Over every limit: refused from its declared length, before it is read.
        var huge = await ProblemAsync(await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(Mp4(600_000), "clip.mp4")),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("oversized", huge.GetProperty("reason").GetString());

        var empty = await ProblemAsync(await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form([])), HttpStatusCode.BadRequest);
        Assert.Equal("empty", empty.GetProperty("reason").GetString());
        Assert.True(empty.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_or_has_no_file_is_refused_saying_how_to_send_it()
    {
        var (_, code) = await ReportAsync();
        var json = await ProblemAsync(await platform.AsChannelApp().PostAsJsonAsync($"/api/incidents/by-code/{code}/attachments", new { file = "x" }),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("multipart/form-data", json.GetProperty("detail").GetString());

        var noFile = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        var missing = await ProblemAsync(await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", noFile), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task A_closed_incident_takes_no_attachment_and_another_incidents_code_downloads_nothing()
    {
        var (id, code) = await ReportAsync();
        var (_, otherCode) = await ReportAsync();
        var photo = Jpeg(10_000, 4);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        Assert.Equal(HttpStatusCode.Created, (await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(photo))).StatusCode);

        // The hash is known, but the other code's incident does not name it.
        Assert.Equal(HttpStatusCode.NotFound, (await platform.AsChannelApp().GetAsync($"/api/incidents/by-code/{otherCode}/attachments/{sha}")).StatusCode);
        await ProblemAsync(await platform.AsStaff().GetAsync($"/api/incidents/{id}/attachments/not-a-hash"), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsJsonAsync($"/api/incidents/{id}/resolution", new { resolution = "Repaired." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.AsStaff().PostAsync($"/api/incidents/{id}/closing", null)).StatusCode);
        var closed = await ProblemAsync(await platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(Jpeg(10_000, 5))), HttpStatusCode.Conflict);
        Assert.Contains("closed", closed.GetProperty("detail").GetString());
    }
}
