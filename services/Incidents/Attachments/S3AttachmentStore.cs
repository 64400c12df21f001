using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Attachments;

/// <summary>
/// Attachments in an S3-compatible bucket ("Incidents:Attachments:Store" = "s3"): one object per content hash, keyed
/// <c>sha256/&lt;hex&gt;</c>, with its content type. The bucket is the operator's (created and secured outside the
/// service); the service only reads and adds objects.
/// </summary>
public sealed class S3AttachmentStore : IAttachmentStore, IDisposable
{
    public const string KeyPrefix = "sha256/";

    public static string KeyOf(string sha256) => KeyPrefix + sha256;

    private readonly IAmazonS3 s3;
    private readonly string bucket;

    public S3AttachmentStore(IOptions<IncidentsOptions> options)
    {
        var settings = options.Value.Attachments.S3;
        var problems = settings.Problems();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        bucket = settings.Bucket;
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.ForcePathStyle,
            // Checksums only where S3 requires them: self-hosted S3-compatible servers do not all read the SDK's
            // newer trailing checksums (aws-chunked bodies), and the content hash already names every object.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(settings.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            config.ServiceURL = settings.ServiceUrl;
            config.AuthenticationRegion = settings.Region;
        }
        s3 = new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    public async Task SaveAsync(string sha256, string contentType, byte[] content, CancellationToken ct)
    {
        // HEAD first: an object named by its hash already holds these very bytes, so there is nothing to write. Two
        // uploads racing past the HEAD both write the same bytes under the same key, which is harmless.
        if (await ExistsAsync(sha256, ct)) return;
        using var body = new MemoryStream(content, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = KeyOf(sha256),
            InputStream = body,
            ContentType = contentType,
            AutoCloseStream = false,
            // A plain signed body: servers other than AWS do not all take aws-chunked uploads.
            UseChunkEncoding = false,
        }, ct);
    }

    public async Task<AttachmentContentStored?> FindAsync(string sha256, CancellationToken ct)
    {
        try
        {
            // The response stream is handed on: the download streams from the bucket without holding the file in memory.
            var response = await s3.GetObjectAsync(bucket, KeyOf(sha256), ct);
            return new AttachmentContentStored(sha256, response.Headers.ContentType ?? "application/octet-stream", response.ResponseStream);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    // S3 answers a delete of a missing key with success too.
    public Task DeleteAsync(string sha256, CancellationToken ct) => s3.DeleteObjectAsync(bucket, KeyOf(sha256), ct);

    private async Task<bool> ExistsAsync(string sha256, CancellationToken ct)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, KeyOf(sha256), ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public void Dispose() => s3.Dispose();
}
