using Microsoft.Extensions.Configuration;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Tests.Domain;

/// <summary>Which attachment store a deployment configures ("Incidents:Attachments:Store"), checked before the service starts.</summary>
public sealed class AttachmentStoreSettingsTests
{
    private static IncidentsOptions Options(Dictionary<string, string?> settings)
    {
        var options = new IncidentsOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(IncidentsOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void Without_a_store_setting_attachments_stay_in_postgres_and_need_no_bucket()
    {
        var options = Options([]);
        Assert.Equal("postgres", options.Attachments.Store);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void An_s3_store_without_bucket_or_keys_is_reported_naming_the_keys()
    {
        var options = Options(new() { ["Incidents:Attachments:Store"] = "s3", ["Incidents:Attachments:S3:ServiceUrl"] = "not a url" });
        Assert.Equal(
            ["Incidents:Attachments:S3:Bucket is not set.",
             "Incidents:Attachments:S3:AccessKey and SecretKey are not set (secrets, from configuration).",
             "Incidents:Attachments:S3:ServiceUrl is not an absolute URL."],
            options.Problems());
    }

    [Fact]
    public void A_complete_s3_store_is_valid_and_an_unknown_store_is_reported()
    {
        Assert.Empty(Options(new()
        {
            ["Incidents:Attachments:Store"] = "s3", ["Incidents:Attachments:S3:ServiceUrl"] = "https://s3.example.org",
            ["Incidents:Attachments:S3:Bucket"] = "attachments", ["Incidents:Attachments:S3:AccessKey"] = "a", ["Incidents:Attachments:S3:SecretKey"] = "b",
        }).Problems());
        Assert.Equal(["Incidents:Attachments:Store must be 'postgres' or 's3'."], Options(new() { ["Incidents:Attachments:Store"] = "disk" }).Problems());
    }
}
