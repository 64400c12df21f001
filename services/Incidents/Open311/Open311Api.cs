using Omnichannel.BuildingBlocks.Files;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Omnichannel.BuildingBlocks.Codes;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.EventStore;
using Omnichannel.Incidents.Attachments;
using Omnichannel.Incidents.Categories;
using Omnichannel.Incidents.LookingUp;
using Omnichannel.Incidents.Model;
using Omnichannel.Incidents.Reporting;
using Omnichannel.Incidents.Sla;

namespace Omnichannel.Incidents.Open311;

/// <summary>
/// The councils' Open311 keys: <c>Incidents:Open311:ApiKeys:&lt;council&gt;</c>, set in the environment or a secret
/// store, never in the repository. The key decides the council: an Open311 client (a FixMyStreet) has no platform token.
/// </summary>
public sealed class Open311Keys(IConfiguration configuration)
{
    public const string Section = "Incidents:Open311:ApiKeys";

    public IReadOnlyList<string> Councils => configuration.GetSection(Section).GetChildren()
        .Where(c => !string.IsNullOrWhiteSpace(c.Value) && RequestContext.IsValidTenantId(c.Key)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>The council whose key this is, compared in constant time so a key cannot be guessed byte by byte.</summary>
    public string? CouncilOf(string apiKey)
    {
        var given = Encoding.UTF8.GetBytes(apiKey);
        string? found = null;
        foreach (var council in Councils)
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(configuration[$"{Section}:{council}"]!))) found = council;
        return found;
    }
}

/// <summary>A request the spec's error format answers (never a problem+json, never a 500).</summary>
public sealed class Open311Failure(int status, string description) : Exception(description)
{
    public int Status { get; } = status;
}

/// <summary>
/// Open311 GeoReport v2 under <c>/api/incidents/open311/v2</c>: discovery, services (the council's incident categories),
/// a service's definition, requests (POST form-encoded with <c>api_key</c>; GET with the spec's filters), one request
/// and tokens; each as <c>.xml</c> or <c>.json</c>. A request is an incident: <c>service_request_id</c> is its id (never
/// the citizen's personal code, which lets its holder act for the reporter); the public lists show no description,
/// address or reporter, only where street problems are.
/// </summary>
public static class Open311Api
{
    public const string Base = "/api/incidents/open311/v2";

    /// <summary>Requests reported through Open311 come from the council's web (a FixMyStreet-style site or app).</summary>
    public const string Channel = Contracts.Channels.Online;

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        // Out of the OpenAPI document: these answers are the GeoReport v2 spec's XML and JSON (not problem+json), read
        // by Open311 clients with an api_key rather than a platform token; Open311Tests fuzz them instead.
        var open311 = app.MapGroup(Base).AllowAnonymous().ExcludeFromDescription();
        open311.MapGet("/discovery.{format}", (string format, HttpContext http) => Answer(format, () => Task.FromResult(Discovery(http))));
        open311.MapGet("/services.{format}", (string format, HttpContext http, Open311Keys keys, CategoryCatalogue categories) =>
            Answer(format, () => Task.FromResult(Services(categories.For(ReadCouncil(http, keys))))));
        open311.MapGet("/services/{serviceCode}.{format}", (string serviceCode, string format, HttpContext http, Open311Keys keys, CategoryCatalogue categories) =>
            Answer(format, () => Task.FromResult(ServiceDefinition(categories, ReadCouncil(http, keys), serviceCode))));
        open311.MapPost("/requests.{format}", (string format, HttpContext http, Open311Keys keys, IDocumentStore store, CategoryCatalogue categories,
            SlaRulebook rulebook, IAttachmentStore attachments, TimeProvider clock) =>
            Answer(format, () => PostRequest(http, keys, store, categories, rulebook, attachments, clock))).DisableAntiforgery();
        open311.MapGet("/requests.{format}", (string format, HttpContext http, Open311Keys keys, IDocumentStore store, CategoryCatalogue categories, TimeProvider clock) =>
            Answer(format, () => GetRequests(http, keys, store, categories, clock)));
        open311.MapGet("/requests/{id}.{format}", (string id, string format, HttpContext http, Open311Keys keys, IDocumentStore store, CategoryCatalogue categories) =>
            Answer(format, () => GetRequest(id, "service_request_id", http, keys, store, categories, asToken: false)));
        // The image a request's media_url points at: public, like the request itself.
        open311.MapGet("/media/{incidentId}/{file}", (string incidentId, string file, HttpContext http, Open311Keys keys, IDocumentStore store,
            CategoryCatalogue categories, IAttachmentStore attachments) => Media(incidentId, file, http, keys, store, categories, attachments));
        open311.MapGet("/tokens/{token}.{format}", (string token, string format, HttpContext http, Open311Keys keys, IDocumentStore store, CategoryCatalogue categories) =>
            Answer(format, () => GetRequest(token, "token", http, keys, store, categories, asToken: true)));
        // Anything else under Open311 (a missing format, an unknown path): the spec's error, not a bare 404.
        open311.MapMethods("/{**rest}", ["GET", "POST", "PUT", "DELETE", "PATCH"], (HttpContext http) =>
            Open311Render.Error(StatusCodes.Status404NotFound, "No such Open311 resource: end the path with .xml or .json (see discovery.xml).",
                http.Request.Path.Value?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true ? Open311Render.Json : Open311Render.Xml));
    }

    private static async Task<IResult> Answer(string format, Func<Task<Open311Node>> answer)
    {
        var known = format is Open311Render.Xml or Open311Render.Json;
        if (!known) return Open311Render.Error(StatusCodes.Status400BadRequest, "Unknown format: use .xml or .json.", Open311Render.Xml);
        try
        {
            var node = await answer();
            return Open311Render.Write(node, format);
        }
        catch (Open311Failure failure)
        {
            return Open311Render.Error(failure.Status, failure.Message, format);
        }
        catch (Rejection rejection)
        {
            var status = rejection.Kind switch
            {
                RejectionKind.NotFound => StatusCodes.Status404NotFound,
                RejectionKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            var field = rejection.Field is null ? "" : $"{Open311Field(rejection.Field)}: ";
            return Open311Render.Error(status, field + rejection.Message, format);
        }
    }

    /// <summary>The platform's field names back to the spec's.</summary>
    private static string Open311Field(string field) => field switch
    {
        "category" => "service_code",
        "location" or "location.latitude" or "location.longitude" => "lat/long/address_string",
        "description" => "description",
        _ => field,
    };

    /// <summary>The council of a read: the api_key's when given (a wrong one is a 403), else <c>jurisdiction_id</c>
    /// naming a council that takes Open311 reports, else the only such council.</summary>
    private static string ReadCouncil(HttpContext http, Open311Keys keys, string? apiKey = null)
    {
        apiKey ??= http.Request.Query["api_key"].FirstOrDefault();
        if (!string.IsNullOrEmpty(apiKey))
            return keys.CouncilOf(apiKey) ?? throw new Open311Failure(StatusCodes.Status403Forbidden, "api_key: not a valid key.");
        var councils = keys.Councils;
        var jurisdiction = http.Request.Query["jurisdiction_id"].FirstOrDefault();
        if (!string.IsNullOrEmpty(jurisdiction))
            return councils.Contains(jurisdiction, StringComparer.Ordinal) ? jurisdiction
                : throw new Open311Failure(StatusCodes.Status404NotFound, "jurisdiction_id: no such jurisdiction.");
        return councils.Count == 1 ? councils[0]
            : throw new Open311Failure(StatusCodes.Status400BadRequest, "jurisdiction_id: required (this server serves several jurisdictions).");
    }

    /// <summary>This server's Open311 address as the client reached it (through the gateway, its forwarded host).</summary>
    private static string PublicBase(HttpContext http)
    {
        var host = http.Request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? http.Request.Host.Value;
        var scheme = http.Request.Headers["X-Forwarded-Proto"].FirstOrDefault() ?? http.Request.Scheme;
        return $"{scheme}://{host}{Base}";
    }

    private static Open311Node Discovery(HttpContext http)
    {
        var changeset = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        return new Open311Object("discovery",
        [
            ("changeset", changeset),
            ("contact", "The council's citizen assistance office."),
            ("key_service", "Ask the council's citizen assistance office for an api_key."),
            ("endpoints", new Open311List("endpoints", "endpoint",
            [
                new Open311Object("endpoint",
                [
                    ("specification", "http://wiki.open311.org/GeoReport_v2"),
                    ("url", PublicBase(http)),
                    ("changeset", changeset),
                    ("type", "production"),
                    ("formats", new Open311List("formats", "format", ["text/xml", "application/json"])),
                ]),
            ])),
        ]);
    }

    private static Open311Node Services(IReadOnlyList<IncidentCategory> categories) =>
        new Open311List("services", "service", [.. categories.Select(c => (object)new Open311Object("service",
        [
            ("service_code", c.Code),
            ("service_name", c.Name.En),
            ("description", c.LocationRequired ? $"{c.Name.En} (say where: lat/long or address_string)." : c.Name.En),
            // metadata true: services/{code} has attributes a request may (or must) give as attribute[code].
            ("metadata", c.Attributes.Count > 0),
            ("type", "realtime"),
            ("keywords", $"{c.Name.Ca}, {c.Name.Es}"),
            ("group", c.LocationRequired ? "street" : "general"),
        ]))]);

    private static Open311Node ServiceDefinition(CategoryCatalogue categories, string council, string serviceCode)
    {
        var category = categories.Find(council, serviceCode) ?? throw new Open311Failure(StatusCodes.Status404NotFound, "service_code: no such service.");
        // The spec's attribute fields, in its order; variable: the client asks the user for it. No list datatypes yet,
        // so no values.
        return new Open311Object("service_definition",
        [
            ("service_code", category.Code),
            ("attributes", new Open311List("attributes", "attribute", [.. category.Attributes.Select((a, i) => (object)new Open311Object("attribute",
            [
                ("variable", true),
                ("code", a.Code),
                ("datatype", a.Datatype),
                ("required", a.Required),
                ("datatype_description", a.DatatypeDescription),
                ("order", i + 1),
                ("description", a.Description.En),
            ]))])),
        ]);
    }

    /// <summary>The spec's <c>attribute[code]=value</c> fields of a posted request, by code.</summary>
    private static Dictionary<string, string> Attributes(IFormCollection form) =>
        form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal) && k.EndsWith(']') && k.Length > "attribute[]".Length)
            .ToDictionary(k => k["attribute[".Length..^1], k => form[k].FirstOrDefault() ?? "", StringComparer.Ordinal);

    private static async Task<Open311Node> PostRequest(HttpContext http, Open311Keys keys, IDocumentStore store, CategoryCatalogue categories,
        SlaRulebook rulebook, IAttachmentStore attachments, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType)
            throw new Open311Failure(StatusCodes.Status400BadRequest,
                "Send the request form-encoded (application/x-www-form-urlencoded), or as multipart/form-data with a photo in the part 'media'.");
        var limits = rulebook.Options.Attachments;
        if (http.Request.ContentLength > limits.MaxAny + 64 * 1024)
            throw new Open311Failure(StatusCodes.Status413PayloadTooLarge, $"media: at most {limits.MaxAny / 1048576.0:0.#} MB.");
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxAny + 64 * 1024;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new Open311Failure(StatusCodes.Status413PayloadTooLarge, $"media: at most {limits.MaxAny / 1048576.0:0.#} MB.");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // NUL or undecodable bytes, too many or too long values: the form itself is malformed.
            throw new Open311Failure(StatusCodes.Status400BadRequest, "The form cannot be read: malformed, too large, or with control characters (such as NUL).");
        }
        var apiKey = form["api_key"].FirstOrDefault();
        if (string.IsNullOrEmpty(apiKey)) throw new Open311Failure(StatusCodes.Status400BadRequest, "api_key: required to post a request.");
        var council = keys.CouncilOf(apiKey) ?? throw new Open311Failure(StatusCodes.Status403Forbidden, "api_key: not a valid key.");

        var serviceCode = form["service_code"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(serviceCode)) throw new Open311Failure(StatusCodes.Status400BadRequest, "service_code: required.");
        var category = categories.Find(council, serviceCode) ?? throw new Open311Failure(StatusCodes.Status404NotFound, "service_code: no such service.");
        var latitude = Coordinate(form["lat"].FirstOrDefault(), "lat", 90);
        var longitude = Coordinate(form["long"].FirstOrDefault(), "long", 180);
        if ((latitude is null) != (longitude is null)) throw new Open311Failure(StatusCodes.Status400BadRequest, "lat/long: give both or neither.");
        var address = Limited(form["address_string"].FirstOrDefault(), "address_string", 500);
        if (latitude is null && address is null)
            throw new Open311Failure(StatusCodes.Status400BadRequest, "lat/long/address_string: a location is required (lat and long, or address_string).");
        var description = Limited(form["description"].FirstOrDefault(), "description", 4000) ?? category.Name.En;
        var mediaUrl = MediaUrl(form["media_url"].FirstOrDefault());
        var media = form.Files.GetFile("media") is { } file ? await ReadMediaAsync(file, limits, http.RequestAborted) : default;
        // The reporter's e-mail, name and phone are not taken: an Open311 report is anonymous (a complaint), and the
        // citizen follows it with the code the client is given.

        using var scope = RequestContext.Begin(council, RequestContext.CorrelationId);
        await using var session = store.LightweightSession(council);
        var command = new ReportIncident(new IncidentRef(Guid.NewGuid(), PersonalCode.Incident.New(), null, Channel), IncidentKinds.Complaint,
            description, null, null, new IncidentLocation(latitude, longitude, address), clock.GetUtcNow(), category.Code, mediaUrl, Attributes(form));
        var (result, nearby) = await ReportIncidentEndpoint.ReportAsync(command, procedureKnown: false, council, session, rulebook, categories, http.RequestAborted);
        if (media.Attachment is { } attachment)
        {
            // The photo joins the incident as the reporter's attachment, as one uploaded by code would.
            await attachments.SaveAsync(attachment.Sha256, attachment.ContentType, media.Content, http.RequestAborted);
            await using var attaching = store.LightweightSession(council);
            await attaching.DecideAndAppendAsync(Incident.StreamKey(command.Ref.IncidentId), Incident.Initial, Incident.Evolve,
                state => AddAttachmentDecision.Decide(new AddAttachment(attachment, AttachmentAdded.Reporter, command.At, null), state, limits.MaxPerIncident),
                http.RequestAborted);
        }
        var notice = $"Follow it with the code {command.Ref.Code}." + (nearby.Count > 0 ? $" {nearby.Count} open request(s) of this service are already reported nearby." : "");
        return new Open311List("service_requests", "request",
        [
            new Open311Object("request",
            [
                ("service_request_id", command.Ref.IncidentId.ToString()),
                ("token", command.Ref.IncidentId.ToString()),
                ("service_notice", notice),
                ("account_id", null),
            ]),
        ]);
    }

    /// <summary>The spec's <c>media_url</c>: an absolute http(s) address of the client's copy of a photo, kept as given
    /// (the server does not fetch it: a URL from outside is no reason to make requests on the council's network).</summary>
    private static string? MediaUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        return text.Length <= 2000 && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !text.Any(char.IsControl)
            ? uri.AbsoluteUri
            : throw new Open311Failure(StatusCodes.Status400BadRequest, "media_url: an absolute http or https address (at most 2000 characters).");
    }

    /// <summary>A photo posted in the part <c>media</c> (a common GeoReport extension): an image by its content.</summary>
    private static async Task<(IncidentAttachment? Attachment, byte[] Content)> ReadMediaAsync(IFormFile file, AttachmentOptions limits, CancellationToken ct)
    {
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        FileType type;
        try
        {
            type = AttachmentContent.Check(content.AsSpan(0, (int)Math.Min(content.Length, FileTypes.HeadLength)), content.LongLength, limits);
        }
        catch (AttachmentRefused refused)
        {
            throw new Open311Failure(refused.Status, $"media: {refused.Message}");
        }
        if (type.Family != FileType.Image)
            throw new Open311Failure(StatusCodes.Status415UnsupportedMediaType, "media: by its content not an image (JPEG, PNG, GIF or WebP).");
        return (new IncidentAttachment(Convert.ToHexStringLower(SHA256.HashData(content)), type.ContentType, content.LongLength), content);
    }

    private static double? Coordinate(string? text, string field, double limit)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || Math.Abs(value) > limit)
            throw new Open311Failure(StatusCodes.Status400BadRequest, $"{field}: not a coordinate between -{limit} and {limit}.");
        return value;
    }

    private static string? Limited(string? text, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text.Length > max) throw new Open311Failure(StatusCodes.Status400BadRequest, $"{field}: at most {max} characters.");
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new Open311Failure(StatusCodes.Status400BadRequest, $"{field}: control characters are not allowed.");
        return text;
    }

    private static async Task<Open311Node> GetRequests(HttpContext http, Open311Keys keys, IDocumentStore store, CategoryCatalogue categories, TimeProvider clock)
    {
        var council = ReadCouncil(http, keys);
        var query = http.Request.Query;
        var ids = List(query["service_request_id"].FirstOrDefault()).Select(id => Guid.TryParse(id, out var g) ? g
            : throw new Open311Failure(StatusCodes.Status400BadRequest, "service_request_id: not a request id.")).ToHashSet();
        var codes = List(query["service_code"].FirstOrDefault()).ToHashSet(StringComparer.Ordinal);
        var statuses = List(query["status"].FirstOrDefault()).ToHashSet(StringComparer.Ordinal);
        if (statuses.Any(s => s is not ("open" or "closed")))
            throw new Open311Failure(StatusCodes.Status400BadRequest, "status: open or closed.");
        var end = Date(query["end_date"].FirstOrDefault(), "end_date");
        // The spec's default window: the 90 days before end_date (or now). Without end_date there is no upper bound, so a
        // request reported this very instant is not lost to the database's microsecond rounding.
        var start = Date(query["start_date"].FirstOrDefault(), "start_date") ?? (end ?? clock.GetUtcNow()).AddDays(-90);
        if (start > end) throw new Open311Failure(StatusCodes.Status400BadRequest, "start_date: after end_date.");
        // Paging as GeoReport servers commonly extend the spec (page, page_size); without them the spec's one list of at most 1000.
        var pageSize = Whole(query["page_size"].FirstOrDefault(), "page_size", 1, 1000) ?? 1000;
        var page = Whole(query["page"].FirstOrDefault(), "page", 1, 100_000) ?? 1;

        using var scope = RequestContext.Begin(council, RequestContext.CorrelationId);
        await using var session = store.QuerySession(council);
        var views = session.Query<IncidentView>().Where(i => i.Category != null && i.ReportedAt >= start);
        if (end is { } last) views = views.Where(i => i.ReportedAt <= last);
        var found = await views.OrderByDescending(i => i.ReportedAt).Take(5000).ToListAsync(http.RequestAborted);
        var catalogue = categories.For(council);
        var selected = found.Where(i => catalogue.Any(c => c.Code == i.Category))
            .Where(i => ids.Count == 0 || ids.Contains(i.IncidentId))
            .Where(i => codes.Count == 0 || codes.Contains(i.Category!))
            .Where(i => statuses.Count == 0 || statuses.Contains(StatusOf(i)))
            .Skip((page - 1) * pageSize).Take(pageSize);
        var media = MediaBase(http, council);
        return new Open311List("service_requests", "request", [.. selected.Select(i => (object)Request(i, catalogue, media))]);
    }

    private static async Task<Open311Node> GetRequest(string id, string field, HttpContext http, Open311Keys keys, IDocumentStore store,
        CategoryCatalogue categories, bool asToken)
    {
        var council = ReadCouncil(http, keys);
        if (!Guid.TryParse(id, out var incidentId)) throw new Open311Failure(StatusCodes.Status404NotFound, $"{field}: no such request.");
        using var scope = RequestContext.Begin(council, RequestContext.CorrelationId);
        await using var session = store.QuerySession(council);
        var view = await session.LoadAsync<IncidentView>(Incident.StreamKey(incidentId), http.RequestAborted);
        var catalogue = categories.For(council);
        if (view is null || view.Category is null || catalogue.All(c => c.Code != view.Category))
            throw new Open311Failure(StatusCodes.Status404NotFound, $"{field}: no such request.");
        var item = asToken
            ? new Open311Object("request", [("service_request_id", view.IncidentId.ToString()), ("token", view.IncidentId.ToString())])
            : Request(view, catalogue, MediaBase(http, council));
        return new Open311List("service_requests", "request", [item]);
    }

    private static int? Whole(string? text, string field, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
            : throw new Open311Failure(StatusCodes.Status400BadRequest, $"{field}: a whole number from {min} to {max}.");
    }

    private static string StatusOf(IncidentView view) => view.IsOpen ? "open" : "closed";

    private static string MediaBase(HttpContext http, string council) => $"{PublicBase(http)}/media/{{0}}/{{1}}?jurisdiction_id={Uri.EscapeDataString(council)}";

    /// <summary>The image a request shows: the reporter's first photo, only of street problems (what anyone may see of
    /// a request follows the coordinates' rule); else the media_url its Open311 client gave.</summary>
    private static IncidentView.AttachedFile? PublicImage(IncidentView view, IncidentCategory category) => category.LocationRequired
        ? view.Attachments.FirstOrDefault(a => a.AddedBy == AttachmentAdded.Reporter && FileTypes.ByContentType(a.ContentType)?.Family == FileType.Image)
        : null;

    /// <summary>GET media/{id}/{sha256}.{ext}: the image a request's media_url names, with its content type; errors in the spec's format.</summary>
    private static async Task<IResult> Media(string incidentId, string file, HttpContext http, Open311Keys keys, IDocumentStore store,
        CategoryCatalogue categories, IAttachmentStore attachments)
    {
        try
        {
            var council = ReadCouncil(http, keys);
            var hash = file.Split('.')[0].ToLowerInvariant();
            if (!Guid.TryParse(incidentId, out var id)) throw new Open311Failure(StatusCodes.Status404NotFound, "media: no such media.");
            using var scope = RequestContext.Begin(council, RequestContext.CorrelationId);
            await using var session = store.QuerySession(council);
            var view = await session.LoadAsync<IncidentView>(Incident.StreamKey(id), http.RequestAborted);
            var category = view?.Category is null ? null : categories.Find(council, view.Category);
            var image = view is null || category is null ? null : PublicImage(view, category);
            if (image is null || image.Sha256 != hash) throw new Open311Failure(StatusCodes.Status404NotFound, "media: no such media.");
            var stored = await attachments.FindAsync(hash, http.RequestAborted) ?? throw new Open311Failure(StatusCodes.Status404NotFound, "media: no such media.");
            return TypedResults.File(stored.Content, image.ContentType);
        }
        catch (Open311Failure failure)
        {
            return Open311Render.Error(failure.Status, failure.Message, Open311Render.Xml);
        }
    }

    /// <summary>A request as anyone may read it: no description, address or reporter; coordinates only of street problems.</summary>
    private static Open311Object Request(IncidentView view, IReadOnlyList<IncidentCategory> catalogue, string mediaBase)
    {
        var category = catalogue.First(c => c.Code == view.Category);
        var located = category.LocationRequired ? view.Location : null;
        var image = PublicImage(view, category);
        var mediaUrl = image is not null
            ? string.Format(CultureInfo.InvariantCulture, mediaBase, view.IncidentId, $"{image.Sha256}.{FileTypes.ByContentType(image.ContentType)!.Extension}")
            : category.LocationRequired ? view.MediaUrl : null;
        return new Open311Object("request",
        [
            ("service_request_id", view.IncidentId.ToString()),
            ("status", StatusOf(view)),
            ("status_notes", view.MergedInto is null ? null : "Merged into another request of the same problem."),
            ("service_name", category.Name.En),
            ("service_code", category.Code),
            ("description", null),
            ("agency_responsible", null),
            ("service_notice", null),
            ("requested_datetime", view.ReportedAt),
            ("updated_datetime", view.UpdatedAt),
            ("expected_datetime", null),
            ("address", null),
            ("address_id", null),
            ("zipcode", null),
            ("lat", located?.Latitude),
            ("long", located?.Longitude),
            ("media_url", mediaUrl),
        ]);
    }

    private static IEnumerable<string> List(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The spec's w3c ISO 8601 with a time zone (Z or an offset); anything else is a 400.</summary>
    private static DateTimeOffset? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasZone && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value
            : throw new Open311Failure(StatusCodes.Status400BadRequest, $"{field}: an ISO 8601 date and time with its time zone, e.g. 2026-11-05T08:15:30Z.");
    }
}
