using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Omnichannel.Incidents.Open311;

/// <summary>An Open311 answer, written once and rendered as XML (the spec's required format) or JSON with the same
/// field names: an object is an element of named fields; a list is an element of repeated items.</summary>
public abstract record Open311Node;

public sealed record Open311Object(string Element, IReadOnlyList<(string Name, object? Value)> Fields) : Open311Node;

/// <summary>Items are <see cref="Open311Object"/>s or plain values (written as <paramref name="ItemElement"/>).</summary>
public sealed record Open311List(string Element, string ItemElement, IReadOnlyList<object> Items) : Open311Node;

public static class Open311Render
{
    public const string Xml = "xml";
    public const string Json = "json";

    public static IResult Write(Open311Node node, string format, int status = StatusCodes.Status200OK) =>
        format == Json
            ? new Answer(JsonBytes(node), "application/json; charset=utf-8", status)
            : new Answer(XmlBytes(node), "text/xml; charset=utf-8", status);

    private sealed class Answer(byte[] body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = contentType;
            http.Response.ContentLength = body.Length;
            return http.Response.Body.WriteAsync(body).AsTask();
        }
    }

    /// <summary>The spec's error answer: a list of {code, description}.</summary>
    public static IResult Error(int status, string description, string format) =>
        Write(new Open311List("errors", "error", [new Open311Object("error", [("code", status), ("description", description)])]), format, status);

    private static byte[] XmlBytes(Open311Node node)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            WriteXml(xml, node);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WriteXml(XmlWriter xml, Open311Node node)
    {
        switch (node)
        {
            case Open311Object o:
                xml.WriteStartElement(o.Element);
                foreach (var (name, value) in o.Fields)
                {
                    if (value is Open311List nested) WriteXml(xml, nested);
                    else xml.WriteElementString(name, Text(value));
                }
                xml.WriteEndElement();
                break;
            case Open311List l:
                xml.WriteStartElement(l.Element);
                foreach (var item in l.Items)
                {
                    if (item is Open311Node inner) WriteXml(xml, inner);
                    else xml.WriteElementString(l.ItemElement, Text(item));
                }
                xml.WriteEndElement();
                break;
        }
    }

    private static byte[] JsonBytes(Open311Node node)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) WriteJson(json, node);
        return stream.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case Open311Object o:
                json.WriteStartObject();
                foreach (var (name, field) in o.Fields)
                {
                    json.WritePropertyName(field is Open311List nested ? nested.Element : name);
                    WriteJson(json, field);
                }
                json.WriteEndObject();
                break;
            case Open311List l:
                json.WriteStartArray();
                foreach (var item in l.Items) WriteJson(json, item);
                json.WriteEndArray();
                break;
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case double d: json.WriteNumberValue(d); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }

    /// <summary>Dates in the spec's ISO 8601 with an offset; booleans as true/false; numbers invariant.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
