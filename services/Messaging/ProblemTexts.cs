using Omnichannel.BuildingBlocks.Http;

namespace Omnichannel.Messaging;

/// <summary>Messaging's problem texts in Catalan and Spanish (see <see cref="ProblemTexts"/>: add a line with each new
/// English message; a test names any validator message missing here).</summary>
internal sealed class MessagingProblemTexts : ProblemTexts
{
    public override IReadOnlyDictionary<string, (string Ca, string Es)> Texts { get; } = new Dictionary<string, (string Ca, string Es)>
    {
        // Choosing the channel for notices (the citizen web).
        ["Use phone or email."] = ("Feu servir phone o email.", "Use phone o email."),
        ["An opaque id of 8 to 100 letters, digits, '-' or '_'."] = ("Un identificador opac de 8 a 100 lletres, xifres, '-' o '_'.", "Un identificador opaco de 8 a 100 letras, cifras, '-' o '_'."),
        ["The code is wrong or has expired. Check it, or ask for a new one."] =
            ("El codi no és correcte o ha caducat. Reviseu-lo o demaneu-ne un de nou.", "El código no es correcto o ha caducado. Revíselo o pida uno nuevo."),

        // Buttons and locations under a message.
        ["At most {max} buttons (WhatsApp shows no more rows in a list)."] =
            ("Com a màxim {max} botons (WhatsApp no mostra més files en una llista).", "Como máximo {max} botones (WhatsApp no muestra más filas en una lista)."),
        ["Give the button's label in Catalan, Spanish and English."] = ("Escriviu l'etiqueta del botó en català, castellà i anglès.", "Escriba la etiqueta del botón en catalán, castellano e inglés."),
        ["Each label is 1 to 20 characters (WhatsApp's limit for a button's title)."] =
            ("Cada etiqueta té d'1 a 20 caràcters (el límit de WhatsApp per al títol d'un botó).", "Cada etiqueta tiene de 1 a 20 caracteres (el límite de WhatsApp para el título de un botón)."),
        ["A button opens a link or sends a keyword, not both."] = ("Un botó obre un enllaç o envia una paraula clau, no totes dues coses.", "Un botón abre un enlace o envía una palabra clave, no ambas cosas."),
        ["Give the link the button opens (url) or the keyword it sends (keyword)."] =
            ("Indiqueu l'enllaç que obre el botó (url) o la paraula clau que envia (keyword).", "Indique el enlace que abre el botón (url) o la palabra clave que envía (keyword)."),
        ["An https link of up to {max} characters."] = ("Un enllaç https de fins a {max} caràcters.", "Un enlace https de hasta {max} caracteres."),
        ["The code of the keyword the button sends, e.g. \"horari\"."] = ("El codi de la paraula clau que envia el botó, per exemple \"horari\".", "El código de la palabra clave que envía el botón, por ejemplo \"horari\"."),
        ["A latitude between -90 and 90."] = ("Una latitud entre -90 i 90.", "Una latitud entre -90 y 90."),
        ["A longitude between -180 and 180."] = ("Una longitud entre -180 i 180.", "Una longitud entre -180 y 180."),
        ["The place's name, up to 100 characters."] = ("El nom del lloc, fins a 100 caràcters.", "El nombre del lugar, hasta 100 caracteres."),
        ["The address, up to 200 characters."] = ("L'adreça, fins a 200 caràcters.", "La dirección, hasta 200 caracteres."),

        // Alerts, campaigns and topics.
        ["Name the topic whose list gets it."] = ("Indiqueu el tema de la llista que el rebrà.", "Indique el tema de la lista que lo recibirá."),
        ["Write the text (1 to 1000 characters)."] = ("Escriviu el text (d'1 a 1000 caràcters).", "Escriba el texto (de 1 a 1000 caracteres)."),
        ["Name either a topic or a procedure (with from and to), not both."] =
            ("Indiqueu un tema o bé un tràmit (amb from i to), no totes dues coses.", "Indique un tema o bien un trámite (con from y to), no ambas cosas."),
        ["The first day of the cases (yyyy-MM-dd)."] = ("El primer dia dels expedients (aaaa-mm-dd).", "El primer día de los expedientes (aaaa-mm-dd)."),
        ["The last day of the cases (yyyy-MM-dd)."] = ("L'últim dia dels expedients (aaaa-mm-dd).", "El último día de los expedientes (aaaa-mm-dd)."),
        ["The period ends on or after it starts, and spans at most three years."] =
            ("El període acaba el mateix dia que comença o després, i dura com a màxim tres anys.", "El periodo termina el mismo día que empieza o después, y dura como máximo tres años."),
        ["A topic's code is 1 to 40 lower-case letters, digits or hyphens, e.g. \"obres\"."] =
            ("El codi d'un tema té d'1 a 40 lletres minúscules, xifres o guionets, per exemple \"obres\".", "El código de un tema tiene de 1 a 40 letras minúsculas, cifras o guiones, por ejemplo \"obres\"."),
        ["Give the topic's name in Catalan, Spanish and English."] = ("Escriviu el nom del tema en català, castellà i anglès.", "Escriba el nombre del tema en catalán, castellano e inglés."),
        ["A name of 1 to 80 characters with a letter or digit in it."] = ("Un nom d'1 a 80 caràcters amb alguna lletra o xifra.", "Un nombre de 1 a 80 caracteres con alguna letra o cifra."),
        ["A campaign cannot close before it opens."] = ("Una campanya no pot tancar abans d'obrir-se.", "Una campaña no puede cerrar antes de abrirse."),

        // Keywords.
        ["A keyword's code is 1 to 40 lower-case letters, digits or hyphens, e.g. \"horari\"."] =
            ("El codi d'una paraula clau té d'1 a 40 lletres minúscules, xifres o guionets, per exemple \"horari\".", "El código de una palabra clave tiene de 1 a 40 letras minúsculas, cifras o guiones, por ejemplo \"horari\"."),
        ["Give the words that call the keyword, per language (ca, es, en)."] =
            ("Escriviu les paraules que activen la paraula clau, per idioma (ca, es, en).", "Escriba las palabras que activan la palabra clave, por idioma (ca, es, en)."),
        ["Give at least one word in one language."] = ("Escriviu almenys una paraula en un idioma.", "Escriba al menos una palabra en un idioma."),
        ["Each word is 1 to 60 characters with a letter or digit in it."] = ("Cada paraula té d'1 a 60 caràcters amb alguna lletra o xifra.", "Cada palabra tiene de 1 a 60 caracteres con alguna letra o cifra."),
        ["Give the answer in Catalan, Spanish and English."] = ("Escriviu la resposta en català, castellà i anglès.", "Escriba la respuesta en catalán, castellano e inglés."),
        ["Write the answer (up to 4000 characters)."] = ("Escriviu la resposta (fins a 4000 caràcters).", "Escriba la respuesta (hasta 4000 caracteres)."),
        ["Use one of {values}, or leave it out."] = ("Feu servir un d'aquests valors: {values}, o deixeu-lo buit.", "Use uno de estos valores: {values}, o déjelo vacío."),
        ["Use {values}, or leave it out."] = ("Feu servir {values}, o deixeu-lo buit.", "Use {values}, o déjelo vacío."),
        ["Write the message to preview."] = ("Escriviu el missatge que voleu previsualitzar.", "Escriba el mensaje que quiere previsualizar."),
        ["ca, es or en, or leave it out."] = ("ca, es o en, o deixeu-lo buit.", "ca, es o en, o déjelo vacío."),

        // Operators' replies.
        ["The body is not well-formed multipart/form-data."] = ("El cos no és un multipart/form-data ben format.", "El cuerpo no es un multipart/form-data bien formado."),
        ["Attach the file in a part named '{part}'."] = ("Adjunteu el fitxer en una part anomenada '{part}'.", "Adjunte el archivo en una parte llamada '{part}'."),
        ["A caption may be at most 1024 characters."] = ("Un peu de foto pot tenir com a màxim 1024 caràcters.", "Un pie de foto puede tener como máximo 1024 caracteres."),
        // Endpoint and decision messages a citizen-facing screen can show (ProblemTextsTests reads them from the source).
        ["Give the topic's code, e.g. \"obres\"."] =
            ("Indiqueu el codi del tema, per exemple \"obres\".", "Indique el código del tema, por ejemplo \"obres\"."),
        ["'{code}' is a reserved word of the alert lists."] =
            ("'{code}' és una paraula reservada de les llistes d'avisos.", "'{code}' es una palabra reservada de las listas de avisos."),
        ["There is already a topic '{code}' (codes are never reused)."] =
            ("Ja hi ha un tema '{code}' (els codis no es reutilitzen mai).", "Ya hay un tema '{code}' (los códigos no se reutilizan nunca)."),
        ["The code is the one in the route; leave it out of the body or repeat it."] =
            ("El codi és el de la ruta; no el poseu al cos o repetiu-lo.", "El código es el de la ruta; no lo ponga en el cuerpo o repítalo."),
        ["The topic '{code}' is already retired."] =
            ("El tema '{code}' ja està retirat.", "El tema '{code}' ya está retirado."),
        ["There is no topic '{code}'."] =
            ("No hi ha cap tema '{code}'.", "No hay ningún tema '{code}'."),
        ["'{name}' already names the topic '{topic}'."] =
            ("'{name}' ja és el nom del tema '{topic}'.", "'{name}' ya es el nombre del tema '{topic}'."),
    };
}
