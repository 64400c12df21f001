using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;

namespace Omnichannel.Incidents.Tests.Service;

/// <summary>Open311 GeoReport v2 as a FixMyStreet-style client sees it: the spec's field names in XML (parsed back) and
/// JSON, the api_key deciding the council, and every malformed request answered in the spec's error format.</summary>
public sealed class Open311Tests(IncidentsPlatform platform) : IClassFixture<IncidentsPlatform>
{
    private const string Base = "/api/incidents/open311/v2";

    /// <summary>GeoReport v2's fields of a request in GET requests / requests/{id}.</summary>
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
        "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];

    private HttpClient Client() => platform.Incidents.Client(); // no platform token: Open311 clients have an api_key

    private async Task<XElement> XmlAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType!.ToString());
        var document = XDocument.Parse(body);
        Assert.Equal("utf-8", document.Declaration!.Encoding, ignoreCase: true);
        return document.Root!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<HttpResponseMessage> PostAsync(string format, params (string Name, string Value)[] fields) =>
        Client().PostAsync($"{Base}/requests.{format}", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private static void AssertError(XElement errors, int code)
    {
        Assert.Equal("errors", errors.Name.LocalName);
        var error = Assert.Single(errors.Elements("error"));
        Assert.Equal(code.ToString(), error.Element("code")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.Element("description")!.Value));
    }

    [Fact]
    public async Task Discovery_lists_the_georeport_v2_endpoint_with_xml_and_json()
    {
        var discovery = await XmlAsync(await Client().GetAsync($"{Base}/discovery.xml"));
        Assert.Equal("discovery", discovery.Name.LocalName);
        var endpoint = discovery.Element("endpoints")!.Element("endpoint")!;
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith(Base, endpoint.Element("url")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
        DateTimeOffset.Parse(discovery.Element("changeset")!.Value);

        var json = await JsonAsync(await Client().GetAsync($"{Base}/discovery.json"));
        Assert.Equal("application/json", json.GetProperty("endpoints")[0].GetProperty("formats")[1].GetString());
    }

    [Fact]
    public async Task Services_are_the_councils_categories_with_the_specs_fields_and_a_definition_each()
    {
        var services = await XmlAsync(await Client().GetAsync($"{Base}/services.xml?jurisdiction_id=mataro"));
        Assert.Equal("services", services.Name.LocalName);
        var pothole = services.Elements("service").Single(s => s.Element("service_code")!.Value == "pothole");
        Assert.Equal(ServiceFields, pothole.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("Pothole", "false", "realtime"), (pothole.Element("service_name")!.Value, pothole.Element("metadata")!.Value, pothole.Element("type")!.Value));

        var json = await JsonAsync(await Client().GetAsync($"{Base}/services.json?jurisdiction_id=mataro"));
        var first = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "pothole");
        Assert.Equal(ServiceFields, first.EnumerateObject().Select(p => p.Name));
        Assert.False(first.GetProperty("metadata").GetBoolean());

        var definition = await XmlAsync(await Client().GetAsync($"{Base}/services/pothole.xml?jurisdiction_id=mataro"));
        Assert.Equal(("service_definition", "pothole"), (definition.Name.LocalName, definition.Element("service_code")!.Value));
        Assert.NotNull(definition.Element("attributes"));
        AssertError(await XmlAsync(await Client().GetAsync($"{Base}/services/dragons.xml?jurisdiction_id=mataro"), HttpStatusCode.NotFound), 404);
    }

    [Fact]
    public async Task A_request_posted_with_the_councils_key_becomes_an_incident_found_by_id_token_and_filters()
    {
        var posted = await XmlAsync(await PostAsync("xml", ("api_key", platform.Open311Key), ("service_code", "streetlight"),
            ("lat", "41.5402"), ("long", "2.4445"), ("description", "The streetlight flickers all night."), ("email", "someone@example.org")));
        Assert.Equal("service_requests", posted.Name.LocalName);
        var request = Assert.Single(posted.Elements("request"));
        var id = request.Element("service_request_id")!.Value;
        Assert.Equal(id, request.Element("token")!.Value);
        var code = System.Text.RegularExpressions.Regex.Match(request.Element("service_notice")!.Value, "N[0-9A-Z]{5}-[0-9A-Z]{5}").Value;
        Assert.Equal(Omnichannel.BuildingBlocks.Codes.CodeReading.Valid, Omnichannel.BuildingBlocks.Codes.PersonalCode.Incident.Read(code).Reading);

        var one = await XmlAsync(await Client().GetAsync($"{Base}/requests/{id}.xml?jurisdiction_id=mataro"));
        var found = Assert.Single(one.Elements("request"));
        Assert.Equal(RequestFields, found.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("open", "streetlight", "Broken streetlight"),
            (found.Element("status")!.Value, found.Element("service_code")!.Value, found.Element("service_name")!.Value));
        Assert.Equal(41.5402, double.Parse(found.Element("lat")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", found.Element("description")!.Value); // anyone may read this list: no description, address or reporter
        DateTimeOffset.Parse(found.Element("requested_datetime")!.Value);

        // The same incident as staff see it, reported anonymously as a complaint from the web.
        var staffView = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        Assert.Equal(("complaint", "online", "streetlight"), (staffView.GetProperty("kind").GetString(), staffView.GetProperty("channel").GetString(), staffView.GetProperty("category").GetString()));
        Assert.Equal(JsonValueKind.Null, staffView.GetProperty("citizenId").ValueKind);

        var token = await JsonAsync(await Client().GetAsync($"{Base}/tokens/{id}.json?jurisdiction_id=mataro"));
        Assert.Equal(id, token[0].GetProperty("service_request_id").GetString());

        var json = await JsonAsync(await Client().GetAsync($"{Base}/requests.json?jurisdiction_id=mataro&service_code=streetlight&status=open&service_request_id={id}"));
        var listed = Assert.Single(json.EnumerateArray());
        Assert.Equal(RequestFields, listed.EnumerateObject().Select(p => p.Name));
        Assert.Empty((await JsonAsync(await Client().GetAsync($"{Base}/requests.json?jurisdiction_id=mataro&status=closed&service_request_id={id}"))).EnumerateArray());
        Assert.Empty((await JsonAsync(await Client().GetAsync($"{Base}/requests.json?jurisdiction_id=mataro&service_code=pothole&service_request_id={id}"))).EnumerateArray());
        var now = platform.Clock.GetUtcNow();
        Assert.Single((await JsonAsync(await Client().GetAsync(
            $"{Base}/requests.json?jurisdiction_id=mataro&service_request_id={id}&start_date={Uri.EscapeDataString(now.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssK"))}&end_date={Uri.EscapeDataString(now.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssK"))}"))).EnumerateArray());
        Assert.Empty((await JsonAsync(await Client().GetAsync(
            $"{Base}/requests.json?jurisdiction_id=mataro&service_request_id={id}&end_date={Uri.EscapeDataString(now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssK"))}"))).EnumerateArray());

        // The key decides the council: another council's key does not see it.
        AssertError(await XmlAsync(await Client().GetAsync($"{Base}/requests/{id}.xml?api_key={platform.Open311KeyOfElPrat}"), HttpStatusCode.NotFound), 404);
    }

    /// <summary>GeoReport v2's fields of a service attribute, in its order.</summary>
    private static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description"];

    [Fact]
    public async Task A_streetlight_asks_for_its_pole_number_as_an_attribute_and_a_request_that_gives_it_keeps_it_for_staff_only()
    {
        var services = await XmlAsync(await Client().GetAsync($"{Base}/services.xml?jurisdiction_id=mataro"));
        Assert.Equal("true", services.Elements("service").Single(s => s.Element("service_code")!.Value == "streetlight").Element("metadata")!.Value);

        var definition = await XmlAsync(await Client().GetAsync($"{Base}/services/streetlight.xml?jurisdiction_id=mataro"));
        var attribute = Assert.Single(definition.Element("attributes")!.Elements("attribute"));
        Assert.Equal(AttributeFields, attribute.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("true", "pole_number", "string", "false", "1"), (attribute.Element("variable")!.Value, attribute.Element("code")!.Value,
            attribute.Element("datatype")!.Value, attribute.Element("required")!.Value, attribute.Element("order")!.Value));
        Assert.Contains("Pole number", attribute.Element("description")!.Value);
        var json = await JsonAsync(await Client().GetAsync($"{Base}/services/streetlight.json?jurisdiction_id=mataro"));
        var jsonAttribute = Assert.Single(json.GetProperty("attributes").EnumerateArray());
        Assert.Equal(AttributeFields, jsonAttribute.EnumerateObject().Select(p => p.Name));
        Assert.Equal((true, "pole_number", false, 1), (jsonAttribute.GetProperty("variable").GetBoolean(), jsonAttribute.GetProperty("code").GetString(),
            jsonAttribute.GetProperty("required").GetBoolean(), jsonAttribute.GetProperty("order").GetInt32()));
        Assert.Empty((await JsonAsync(await Client().GetAsync($"{Base}/services/pothole.json?jurisdiction_id=mataro"))).GetProperty("attributes").EnumerateArray());

        var posted = await JsonAsync(await PostAsync("json", ("api_key", platform.Open311Key), ("service_code", "streetlight"),
            ("lat", "41.5405"), ("long", "2.4449"), ("attribute[pole_number]", "F-2231"), ("attribute[colour]", "green")));
        var id = posted[0].GetProperty("service_request_id").GetString()!;
        var staffView = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        var kept = Assert.Single(staffView.GetProperty("attributes").EnumerateArray());
        Assert.Equal(("pole_number", "F-2231"), (kept.GetProperty("code").GetString(), kept.GetProperty("value").GetString()));
        // Anyone may read the public request: the pole number, like the address, is not in it.
        Assert.DoesNotContain("F-2231", await (await Client().GetAsync($"{Base}/requests/{id}.xml?jurisdiction_id=mataro")).Content.ReadAsStringAsync());

        var refused = await XmlAsync(await PostAsync("xml", ("api_key", platform.Open311Key), ("service_code", "streetlight"),
            ("lat", "41.5405"), ("long", "2.4449"), ("attribute[pole_number]", "call me on 600 123 123!")), HttpStatusCode.BadRequest);
        AssertError(refused, 400);
        Assert.StartsWith("attribute[pole_number]:", refused.Element("error")!.Element("description")!.Value);

        // The platform's own report takes the same attributes.
        var reported = await platform.AsChannelApp().PostAsJsonAsync("/api/incidents", new
        {
            kind = "complaint", channel = "online", description = "The streetlight is off.", category = "streetlight",
            location = new { latitude = 41.5406, longitude = 2.4450 }, attributes = new Dictionary<string, string> { ["pole_number"] = "F-2232" },
        });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var reportedId = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetGuid();
        Assert.Equal("F-2232", (await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{reportedId}?reason=complaint-handling")).GetProperty("attributes")[0].GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("POST", "requests.xml", "service_code=pothole&lat=41.5&long=2.4", 400)]                       // no api_key
    [InlineData("POST", "requests.xml", "api_key=wrong&service_code=pothole&lat=41.5&long=2.4", 403)]
    [InlineData("POST", "requests.xml", "api_key={key}&lat=41.5&long=2.4", 400)]                             // no service_code
    [InlineData("POST", "requests.xml", "api_key={key}&service_code=dragons&lat=41.5&long=2.4", 404)]
    [InlineData("POST", "requests.xml", "api_key={key}&service_code=pothole", 400)]                          // no location
    [InlineData("POST", "requests.xml", "api_key={key}&service_code=pothole&lat=north&long=2.4", 400)]
    [InlineData("POST", "requests.xml", "api_key={key}&service_code=pothole&lat=91&long=2.4", 400)]
    [InlineData("POST", "requests.xml", "api_key={key}&service_code=pothole&lat=41.5", 400)]
    [InlineData("POST", "requests.xml", "api_key={key}&service_code=pothole&lat=NaN&long=2", 400)]
    [InlineData("POST", "requests.json", "api_key={key}&service_code=pothole&address_string=%00", 400)]
    [InlineData("GET", "requests.xml?jurisdiction_id=mataro&status=sleeping", null, 400)]
    [InlineData("GET", "requests.xml?jurisdiction_id=mataro&start_date=yesterday", null, 400)]
    [InlineData("GET", "requests.xml?jurisdiction_id=mataro&start_date=2026-11-05T08:15:30", null, 400)]      // no time zone
    [InlineData("GET", "requests.xml?jurisdiction_id=mataro&start_date=2026-11-06T00:00:00Z&end_date=2026-11-05T00:00:00Z", null, 400)]
    [InlineData("GET", "requests.xml?jurisdiction_id=mataro&service_request_id=%27%3B--", null, 400)]
    [InlineData("GET", "requests.xml?jurisdiction_id=atlantis", null, 404)]
    [InlineData("GET", "requests.json?api_key=wrong", null, 403)]
    [InlineData("GET", "requests/not-an-id.xml?jurisdiction_id=mataro", null, 404)]
    [InlineData("GET", "tokens/00000000-0000-0000-0000-000000000000.json?jurisdiction_id=mataro", null, 404)]
    [InlineData("GET", "services.txt", null, 400)]
    [InlineData("GET", "services", null, 404)]
    [InlineData("GET", "nothing-here.json", null, 404)]
    public async Task A_malformed_open311_request_is_answered_in_the_specs_error_format_never_a_500(string method, string path, string? form, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Base}/{path}");
        if (form is not null)
            request.Content = new StringContent(form.Replace("{key}", platform.Open311Key), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await Client().SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        if (path.Contains(".json"))
        {
            var errors = await JsonAsync(response, (HttpStatusCode)status);
            var error = Assert.Single(errors.EnumerateArray());
            Assert.Equal(status, error.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        }
        else AssertError(await XmlAsync(response, (HttpStatusCode)status), status);
    }

    [Fact]
    public async Task A_request_posted_as_json_is_refused_in_the_specs_error_format()
    {
        var response = await Client().PostAsJsonAsync($"{Base}/requests.xml", new { api_key = platform.Open311Key, service_code = "pothole" });
        AssertError(await XmlAsync(response, HttpStatusCode.BadRequest), 400);
    }

    private static byte[] Png(int size, byte seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    private Task<HttpResponseMessage> PostWithMediaAsync(string format, byte[] media, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        var file = new ByteArrayContent(media);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "media", "photo.bin");
        return Client().PostAsync($"{Base}/requests.{format}", content);
    }

    [Fact]
    public async Task A_photo_posted_with_a_request_is_its_media_url_and_downloads_as_the_image_it_is()
    {
        var photo = Png(5000, 9);
        var posted = await XmlAsync(await PostWithMediaAsync("xml", photo, ("api_key", platform.Open311Key), ("service_code", "pothole"),
            ("lat", "41.5390"), ("long", "2.4420"), ("description", "A deep pothole.")));
        var id = posted.Element("request")!.Element("service_request_id")!.Value;

        var listed = Assert.Single((await XmlAsync(await Client().GetAsync($"{Base}/requests/{id}.xml?jurisdiction_id=mataro"))).Elements("request"));
        var mediaUrl = new Uri(listed.Element("media_url")!.Value);
        Assert.EndsWith(".png", mediaUrl.AbsolutePath);
        var json = await JsonAsync(await Client().GetAsync($"{Base}/requests/{id}.json?jurisdiction_id=mataro"));
        Assert.Equal(mediaUrl.ToString(), json[0].GetProperty("media_url").GetString());

        var image = await Client().GetAsync(mediaUrl.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photo, await image.Content.ReadAsByteArrayAsync());

        // Staff see it among the incident's attachments, added by the reporter.
        var staffView = await platform.AsStaff().GetFromJsonAsync<JsonElement>($"/api/incidents/{id}?reason=complaint-handling");
        Assert.Equal("reporter", Assert.Single(staffView.GetProperty("attachments").EnumerateArray()).GetProperty("addedBy").GetString());
    }

    [Fact]
    public async Task A_media_url_given_by_the_client_is_shown_as_given_and_a_media_that_is_no_image_is_refused_in_the_specs_format()
    {
        var posted = await XmlAsync(await PostAsync("xml", ("api_key", platform.Open311Key), ("service_code", "graffiti"), ("lat", "41.54"), ("long", "2.44"),
            ("media_url", "https://fixmystreet.example.org/photo/123.jpeg")));
        var id = posted.Element("request")!.Element("service_request_id")!.Value;
        var listed = Assert.Single((await XmlAsync(await Client().GetAsync($"{Base}/requests/{id}.xml?jurisdiction_id=mataro"))).Elements("request"));
        Assert.Equal("https://fixmystreet.example.org/photo/123.jpeg", listed.Element("media_url")!.Value);

        AssertError(await XmlAsync(await PostAsync("xml", ("api_key", platform.Open311Key), ("service_code", "graffiti"), ("lat", "41.54"), ("long", "2.44"),
            ("media_url", "javascript:alert(1)")), HttpStatusCode.BadRequest), 400);
        AssertError(await XmlAsync(await PostWithMediaAsync("xml", "%PDF-1.7 not a photo"u8.ToArray(), ("api_key", platform.Open311Key), ("service_code", "graffiti"),
            ("lat", "41.54"), ("long", "2.44")), HttpStatusCode.UnsupportedMediaType), 415);
        AssertError(await XmlAsync(await Client().GetAsync($"{Base}/media/{id}/{new string('a', 64)}.png?jurisdiction_id=mataro"), HttpStatusCode.NotFound), 404);
    }

    [Fact]
    public async Task Get_requests_pages_with_page_and_page_size_newest_first_without_repeating()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var posted = await XmlAsync(await PostAsync("xml", ("api_key", platform.Open311Key), ("service_code", "litter"), ("lat", "41.54"), ("long", "2.44")));
            ids.Add(posted.Element("request")!.Element("service_request_id")!.Value);
        }
        var filter = $"jurisdiction_id=mataro&service_request_id={string.Join(',', ids)}";
        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var xml = await XmlAsync(await Client().GetAsync($"{Base}/requests.xml?{filter}&page_size=1&page={page}"));
            pages.Add(Assert.Single(xml.Elements("request")).Element("service_request_id")!.Value);
        }
        Assert.Equal(ids.Order(), pages.Order());
        Assert.Empty((await XmlAsync(await Client().GetAsync($"{Base}/requests.xml?{filter}&page_size=2&page=3"))).Elements("request"));
        Assert.Equal(2, (await JsonAsync(await Client().GetAsync($"{Base}/requests.json?{filter}&page_size=2"))).GetArrayLength());
        AssertError(await XmlAsync(await Client().GetAsync($"{Base}/requests.xml?{filter}&page_size=0"), HttpStatusCode.BadRequest), 400);
        AssertError(await XmlAsync(await Client().GetAsync($"{Base}/requests.xml?{filter}&page=-1"), HttpStatusCode.BadRequest), 400);
        AssertError(await XmlAsync(await Client().GetAsync($"{Base}/requests.xml?{filter}&page_size=1001"), HttpStatusCode.BadRequest), 400);
    }
}
