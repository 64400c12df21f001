using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Omnichannel.Cli.Analysts;

/// <summary>
/// Turns a stored event into what an export writes: CloudEvents-style attributes and its data, pseudonymised when
/// asked (<see cref="Pseudonymiser"/>). Without pseudonymisation the data is written as stored, byte for byte.
/// </summary>
public sealed class EventShaper(Pseudonymiser? pseudonymiser)
{
    public bool Pseudonymises => pseudonymiser is not null;

    public string Stream(StoredEvent e) => pseudonymiser is null ? e.Stream : pseudonymiser.Hash(e.Stream);

    public string? Subject(StoredEvent e) => e.Subject is null || pseudonymiser is null ? e.Subject : pseudonymiser.Hash(e.Subject);

    /// <summary>Writes the event's data object, pseudonymised when asked.</summary>
    public void WriteData(Utf8JsonWriter writer, StoredEvent e)
    {
        if (pseudonymiser is null)
        {
            writer.WriteRawValue(e.Data.Span, skipInputValidation: true);
            return;
        }
        using var document = JsonDocument.Parse(e.Data);
        WriteValue(writer, null, document.RootElement);
    }

    /// <summary>The top-level data fields a column export writes: name → value (null when dropped); nested objects
    /// and arrays as JSON text.</summary>
    public void ForEachField(StoredEvent e, Action<string, JsonElement, string?> field)
    {
        using var document = JsonDocument.Parse(e.Data);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (pseudonymiser is null)
            {
                field(property.Name, property.Value, property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? property.Value.GetRawText() : null);
                continue;
            }
            switch (Pseudonymiser.TreatmentOf(property.Name))
            {
                case FieldTreatment.Drop:
                    continue;
                case FieldTreatment.Hash:
                    field(property.Name, default, HashOf(property.Value));
                    continue;
            }
            if (property.Value.ValueKind == JsonValueKind.String && Pseudonymiser.MustDropValue(property.Name, property.Value.GetString()!))
                continue;
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer)) WriteValue(writer, property.Name, property.Value);
                field(property.Name, property.Value, Encoding.UTF8.GetString(buffer.WrittenSpan));
                continue;
            }
            field(property.Name, property.Value, null);
        }
    }

    /// <summary>The column a data field becomes, and whether pseudonymisation keeps it at all.</summary>
    public (bool Kept, bool Hashed) ColumnOf(string fieldName)
    {
        if (pseudonymiser is null) return (true, false);
        return Pseudonymiser.TreatmentOf(fieldName) switch
        {
            FieldTreatment.Drop => (false, false),
            FieldTreatment.Hash => (true, true),
            _ => (true, false),
        };
    }

    private string? HashOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => pseudonymiser!.Hash(value.GetString()!),
        _ => pseudonymiser!.Hash(value.GetRawText()),
    };

    private void WriteValue(Utf8JsonWriter writer, string? name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    switch (Pseudonymiser.TreatmentOf(property.Name))
                    {
                        case FieldTreatment.Drop:
                            continue;
                        case FieldTreatment.Hash:
                            writer.WritePropertyName(property.Name);
                            if (HashOf(property.Value) is { } hash) writer.WriteStringValue(hash); else writer.WriteNullValue();
                            continue;
                    }
                    if (property.Value.ValueKind == JsonValueKind.String && Pseudonymiser.MustDropValue(property.Name, property.Value.GetString()!))
                        continue;
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.Name, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && Pseudonymiser.MustDropValue(name ?? "", item.GetString()!)) continue;
                    WriteValue(writer, name, item);
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
