using Microsoft.AspNetCore.Http;
using Omnichannel.BuildingBlocks.Domain;

namespace Omnichannel.BuildingBlocks.Http;

/// <summary>Stream versions as HTTP ETags: a client that read version 3 sends If-Match: "3" with its change,
/// and gets a 412 (RFC 9110) if someone else changed the thing in between. Without If-Match the write is taken
/// (the last writer wins on what it read; two writers racing still get a 409 on the loser).</summary>
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

    /// <summary>The If-Match of a request, for a write that reads its stream somewhere deeper (several streams at once):
    /// <see cref="PreconditionOf.Check"/> when the stream is read, <see cref="PreconditionOf.Reached"/> for the reply's ETag.</summary>
    public static PreconditionOf Precondition(HttpRequest request) => new(ExpectedVersion(request));
}

public sealed class PreconditionOf(long? expected)
{
    public long? Expected { get; } = expected;

    /// <summary>The version the write left the stream at.</summary>
    public long? Reached { get; set; }

    public void Check(long actual)
    {
        if (Expected is { } expected && expected != actual) throw new EventStore.PreconditionFailed(expected, actual);
    }
}
