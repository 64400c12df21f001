using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Marten;
using Omnichannel.BuildingBlocks.Context;
using Omnichannel.BuildingBlocks.Domain;
using Omnichannel.BuildingBlocks.Grpc;
using Omnichannel.BuildingBlocks.PersonalData;
using Omnichannel.Citizens.Identities;
using Omnichannel.Citizens.LookingUp;
using Omnichannel.Contracts.Grpc.PersonalData.V1;

namespace Omnichannel.Citizens.Exporting;

/// <summary>One record the platform holds about the citizen: an event of one service's stream, its data as stored.</summary>
public sealed record ExportedRecord(string Stream, string Type, DateTimeOffset At, JsonElement Data);

public sealed record ServiceRecords(string Service, IReadOnlyList<ExportedRecord> Records);

/// <summary>The access export (GDPR Art. 15): every service's records of one citizen; <paramref name="Unreachable"/> names
/// any service that did not answer (the export is then incomplete and says so).</summary>
public sealed record CitizenDataExport(Guid CitizenId, string Language, DateTimeOffset GeneratedAt, IReadOnlyList<ServiceRecords> Services,
    IReadOnlyList<string> Unreachable);

/// <summary>Asks every neighbour the launcher names (<c>services:{name}:grpc</c>) for its records of the citizen, and
/// adds the citizens service's own.</summary>
public sealed class CitizenRecordsFanOut(IConfiguration configuration, CitizenErasure own, IDocumentStore store, ContextPropagationInterceptor propagation)
{
    private readonly ConcurrentDictionary<string, PersonalDataExport.PersonalDataExportClient> clients = new();

    /// <param name="identityDigests">The citizen's identities, digested: each service adds the records that carry one
    /// without naming the citizen (a chat never linked to them).</param>
    public async Task<(List<ServiceRecords> Services, List<string> Unreachable)> CollectAsync(Guid citizenId, IReadOnlyList<string> identityDigests,
        CancellationToken ct)
    {
        var tenant = RequestContext.RequiredTenantId;
        var services = new List<ServiceRecords>
        {
            new("citizens", (await own.CitizenEventsAsync(tenant, citizenId, ct, identityDigests))
                .Select(e => new ExportedRecord(e.StreamKey ?? "", e.EventTypeName, e.Timestamp, JsonDocument.Parse(store.Options.Serializer().ToJson(e.Data)).RootElement)).ToList()),
        };
        var unreachable = new List<string>();
        var neighbours = configuration.GetSection("services").GetChildren().Select(s => s.Key)
            .Where(n => n != "citizens" && GrpcSetup.ServiceAddress(configuration, n) is not null).Order().ToList();
        var answers = await Task.WhenAll(neighbours.Select(async name =>
        {
            try
            {
                var reply = await Client(name).ExportAsync(new ExportRequest { CitizenId = citizenId.ToString(), IdentityDigests = { identityDigests } },
                    cancellationToken: ct);
                return (name, reply);
            }
            catch (RpcException)
            {
                return (name, (ExportReply?)null);
            }
        }));
        foreach (var (name, reply) in answers)
        {
            if (reply is null) { unreachable.Add(name); continue; }
            services.Add(new ServiceRecords(reply.Service, reply.Records.Select(r => new ExportedRecord(r.Stream, r.Type,
                DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), JsonDocument.Parse(r.DataJson).RootElement)).ToList()));
        }
        return (services, unreachable);
    }

    private PersonalDataExport.PersonalDataExportClient Client(string name) => clients.GetOrAdd(name, n =>
        new PersonalDataExport.PersonalDataExportClient(
            GrpcChannel.ForAddress(GrpcSetup.ServiceAddress(configuration, n)!).Intercept(propagation)));
}

public static class ExportCitizenDataEndpoint
{
    /// <summary><c>?format=json</c> (default) the machine-readable file; <c>?format=text</c> the readable one, in the
    /// citizen's language.</summary>
    public static async Task<IResult> Handle(Guid citizenId, string? format, IQuerySession session, CitizenRecordsFanOut fanOut, TimeProvider clock,
        CancellationToken ct)
    {
        if (format is not (null or "json" or "text")) throw Rejection.Invalid("format", "Use json or text.");
        var view = await session.LoadAsync<CitizenView>(CitizenState.StreamKey(citizenId), ct) ?? throw Rejection.NotFound("There is no such citizen.");
        var (services, unreachable) = await fanOut.CollectAsync(citizenId, await IdentityIndexEntry.DigestsOfAsync(session, citizenId, ct), ct);
        var export = new CitizenDataExport(citizenId, view.Preferences.Language, clock.GetUtcNow(), services, unreachable);
        return format == "text"
            ? TypedResults.Text(ReadableExport.Render(export), "text/plain; charset=utf-8")
            : TypedResults.Ok(export);
    }
}

/// <summary>The export as a person reads it, in the citizen's language: per service, each record's date, kind and fields.</summary>
public static class ReadableExport
{
    private static readonly Dictionary<string, (string Title, string Generated, string Service, string None, string Missing)> Words = new()
    {
        ["ca"] = ("Les vostres dades a l'Ajuntament", "Generat el", "Servei", "Cap registre.", "Aquests serveis no han respost; demaneu-ho de nou:"),
        ["es"] = ("Sus datos en el Ayuntamiento", "Generado el", "Servicio", "Ningún registro.", "Estos servicios no han respondido; pídalo de nuevo:"),
        ["en"] = ("Your data at the council", "Generated on", "Service", "No records.", "These services did not answer; ask again:"),
    };

    public static string Render(CitizenDataExport export)
    {
        var w = Words.TryGetValue(export.Language, out var words) ? words : Words["en"];
        var text = new StringBuilder();
        text.AppendLine(w.Title).AppendLine($"{w.Generated} {export.GeneratedAt:yyyy-MM-dd HH:mm} UTC").AppendLine();
        foreach (var service in export.Services)
        {
            text.AppendLine($"== {w.Service}: {service.Service} ==");
            if (service.Records.Count == 0) text.AppendLine(w.None);
            foreach (var record in service.Records)
            {
                text.AppendLine($"{record.At:yyyy-MM-dd HH:mm} · {record.Type.Replace('_', ' ')}");
                if (record.Data.ValueKind == JsonValueKind.Object)
                    foreach (var field in record.Data.EnumerateObject())
                        text.AppendLine($"    {field.Name}: {(field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : field.Value.GetRawText())}");
            }
            text.AppendLine();
        }
        if (export.Unreachable.Count > 0) text.AppendLine($"{w.Missing} {string.Join(", ", export.Unreachable)}");
        return text.ToString();
    }
}
