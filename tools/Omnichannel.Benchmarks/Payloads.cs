using Omnichannel.Procedures.Cases;

namespace Omnichannel.Benchmarks;

/// <summary>The events both sides write: the procedures service's own <see cref="CaseSubmitted"/>, filled as a
/// kiosk submission would fill it (a real tracking code, a citizen, a short summary in Catalan).</summary>
public static class Payloads
{
    private static readonly string[] Summaries =
    [
        "Necessito el certificat d'empadronament per a la beca de menjador.",
        "Certificat col·lectiu, per al padró del pis del carrer de la Riera.",
        "Per presentar a l'escola: empadronament de la unitat familiar.",
        "Sol·licitud feta al quiosc de l'Espai Connecta, amb DNI.",
    ];

    public static CaseSubmitted NewCase(Guid? citizenId = null) => new(
        Guid.NewGuid(),
        TrackingCode.New(),
        "census-certificate",
        citizenId ?? Guid.NewGuid(),
        "kiosk",
        Summaries[Random.Shared.Next(Summaries.Length)],
        DateTimeOffset.UtcNow);

    public static CaseSubmitted[] NewBatch(int size)
    {
        var citizen = Guid.NewGuid();
        var batch = new CaseSubmitted[size];
        for (var i = 0; i < size; i++) batch[i] = NewCase(citizen);
        return batch;
    }
}
