using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Omnichannel.Incidents.Attachments;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>
/// The incidents platform with its attachments in an S3-compatible store ("Incidents:Attachments:Store" = "s3"): the
/// s3rver tools/test.sh starts (OMNICHANNEL_TEST_S3), in a bucket of this fixture's own, created before the service
/// starts. <see cref="Objects"/> lists what the bucket holds, read through the S3 API itself.
/// </summary>
public sealed class S3IncidentsPlatform : IncidentsPlatform
{
    public string Bucket { get; } = $"incidents-{Guid.NewGuid():N}"[..40];

    public IAmazonS3 S3 { get; private set; } = null!;

    protected override async Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        var value = Environment.GetEnvironmentVariable("OMNICHANNEL_TEST_S3")
            ?? throw new InvalidOperationException("No S3-compatible server: run the tests with tools/test.sh (it starts s3rver and sets OMNICHANNEL_TEST_S3).");
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        S3 = new AmazonS3Client(new BasicAWSCredentials(parts["accessKey"], parts["secretKey"]), new AmazonS3Config
        {
            ServiceURL = parts["serviceUrl"],
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });

        settings["Incidents:Attachments:Store"] = "s3";
        settings["Incidents:Attachments:S3:ServiceUrl"] = parts["serviceUrl"];
        settings["Incidents:Attachments:S3:Bucket"] = Bucket;
        settings["Incidents:Attachments:S3:Region"] = "us-east-1";
        settings["Incidents:Attachments:S3:ForcePathStyle"] = "true";
        settings["Incidents:Attachments:S3:AccessKey"] = parts["accessKey"];
        settings["Incidents:Attachments:S3:SecretKey"] = parts["secretKey"];
    }

    /// <summary>Every object of the bucket whose key starts with <paramref name="prefix"/>.</summary>
    public async Task<List<S3Object>> Objects(string prefix = "")
    {
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await S3.ListObjectsV2Async(request);
            objects.AddRange(page.S3Objects ?? []);
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return objects;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        S3?.Dispose();
    }
}

/// <summary>Attachments in an S3-compatible store: the same behaviour as in PostgreSQL (every test of
/// <see cref="AttachmentBehaviour{TPlatform}"/>), copies counted as the bucket's objects, and what the bucket holds.</summary>
public sealed class S3AttachmentApiTests(S3IncidentsPlatform platform) : AttachmentBehaviour<S3IncidentsPlatform>(platform)
{
    protected override async Task<long> StoredCopiesAsync(string sha256) =>
        (await Platform.Objects(S3AttachmentStore.KeyOf(sha256))).Count(o => o.Key == S3AttachmentStore.KeyOf(sha256));

    [Fact]
    public async Task An_upload_is_one_object_keyed_by_its_hash_with_its_bytes_and_type_and_nothing_in_postgres()
    {
        var (id, code) = await ReportAsync();
        var photo = Jpeg(120_000, 11);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        Assert.Equal(HttpStatusCode.Created, (await Platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{code}/attachments", Form(photo, "x.pdf", "application/pdf"))).StatusCode);

        var stored = Assert.Single(await Platform.Objects(S3AttachmentStore.KeyOf(sha)));
        Assert.Equal(($"sha256/{sha}", 120_000L), (stored.Key, stored.Size ?? -1));
        using (var object_ = await Platform.S3.GetObjectAsync(Platform.Bucket, stored.Key))
        {
            Assert.Equal("image/jpeg", object_.Headers.ContentType);
            using var bytes = new MemoryStream();
            await object_.ResponseStream.CopyToAsync(bytes);
            Assert.Equal(photo, bytes.ToArray());
        }
        Assert.Equal(0, await RowsInPostgresAsync(sha));

        // Downloaded back from the bucket, with the type the content said.
        var download = await Platform.AsStaff().GetAsync($"/api/incidents/{id}/attachments/{sha}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_second_upload_of_the_same_file_adds_no_object_to_the_bucket()
    {
        var (first, firstCode) = await ReportAsync();
        var (_, secondCode) = await ReportAsync();
        var photo = Jpeg(40_000, 12);
        Assert.Equal(HttpStatusCode.Created, (await Platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{firstCode}/attachments", Form(photo))).StatusCode);
        var before = await Platform.Objects();

        Assert.Equal(HttpStatusCode.OK, (await Platform.AsStaff().PostAsync($"/api/incidents/{first}/attachments", Form(photo))).StatusCode);
        var second = await Platform.AsChannelApp().PostAsync($"/api/incidents/by-code/{secondCode}/attachments", Form(photo));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments").GetInt32());

        var after = await Platform.Objects();
        Assert.Equal(before.Select(o => (o.Key, o.ETag, o.LastModified)).OrderBy(o => o.Key), after.Select(o => (o.Key, o.ETag, o.LastModified)).OrderBy(o => o.Key));
    }
}
