using Microsoft.AspNetCore.Builder;

namespace Omnichannel.BuildingBlocks.OpenApi;

/// <summary>Marks a write that honours <c>If-Match</c> (Http/Versioning.cs): its document then lists the optional
/// header and the 412 a stale one gets, so a client generator knows the operation is versioned.</summary>
public sealed class TakesIfMatchMetadata;

public static class IfMatchEndpoints
{
    public static RouteHandlerBuilder TakesIfMatch(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new TakesIfMatchMetadata());
}
