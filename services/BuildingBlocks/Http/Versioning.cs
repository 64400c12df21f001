using Microsoft.AspNetCore.Http;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>Stream versions as HTTP ETags: a client that read version 3 sends If-Match: "3" with its change,
/// and gets a 409 if someone else changed the thing in between.</summary>
public static class Versioning
{
    public static string ETag(long version) => $"\"{version}\"";

    /// <summary>The version in If-Match, null when absent; a malformed one is a 400 naming the header.</summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch == "*") return null;
        var raw = ifMatch.Trim().TrimStart('W', '/').Trim('"');
        return long.TryParse(raw, out var version) && version >= 0
            ? version
            : throw Rejection.Invalid("If-Match", "Send the ETag you read, e.g. \"3\".");
    }
}
