namespace Omnichannel.Messaging.Broadcast.Membership;

/// <summary>What citizens are told about the broadcast lists, in Catalan, Spanish and English.</summary>
public static class MembershipTexts
{
    public static string Joined(string language, string topic, string code) => language switch
    {
        "es" => $"Te has dado de alta de los avisos de «{topic}». Para dejar de recibirlos, escribe BAJA {code.ToUpperInvariant()}; para dejar todos los avisos, BAJA.",
        "en" => $"You have joined the alerts of \"{topic}\". To stop them, write LEAVE {code.ToUpperInvariant()}; to stop every alert, STOP.",
        _ => $"T'has donat d'alta dels avisos de «{topic}». Per deixar de rebre'ls, escriu BAIXA {code.ToUpperInvariant()}; per deixar tots els avisos, BAIXA.",
    };

    public static string AlreadyJoined(string language, string topic) => language switch
    {
        "es" => $"Ya recibes los avisos de «{topic}».",
        "en" => $"You already get the alerts of \"{topic}\".",
        _ => $"Ja reps els avisos de «{topic}».",
    };

    public static string Left(string language, string topic) => language switch
    {
        "es" => $"Ya no recibirás los avisos de «{topic}».",
        "en" => $"You will no longer get the alerts of \"{topic}\".",
        _ => $"Ja no rebràs els avisos de «{topic}».",
    };

    public static string NotJoined(string language, string topic) => language switch
    {
        "es" => $"No estabas dado de alta de los avisos de «{topic}».",
        "en" => $"You had not joined the alerts of \"{topic}\".",
        _ => $"No estaves donat d'alta dels avisos de «{topic}».",
    };

    public static string UnknownTopic(string language) => language switch
    {
        "es" => "No conocemos esa lista de avisos. Escribe PALABRAS CLAVE para ver qué puedes pedir.",
        "en" => "We do not know that alert list. Write KEYWORDS to see what you can ask.",
        _ => "No coneixem aquesta llista d'avisos. Escriu PARAULES CLAU per veure què pots demanar.",
    };

    public static string Stopped(string language) => language switch
    {
        "es" => "Te hemos dado de baja de todos los avisos y campañas. Para volver a recibir una lista, escribe ALTA y su nombre.",
        "en" => "You will get no more alerts or campaigns from us. To join a list again, write JOIN and its name.",
        _ => "T'hem donat de baixa de tots els avisos i campanyes. Per tornar a rebre una llista, escriu ALTA i el seu nom.",
    };
}
