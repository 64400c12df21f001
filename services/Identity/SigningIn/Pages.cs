using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Omnichannel.Identity.SigningIn;

/// <summary>The few words of the sign-in pages, in Catalan, Spanish and English (the browser's first choice among them;
/// Catalan otherwise), and the one page layout: plain, accessible HTML (labels, a main landmark, errors announced).</summary>
internal static class Pages
{
    private static readonly Dictionary<string, Dictionary<string, string>> Texts = new()
    {
        ["ca"] = new()
        {
            ["title"] = "Accés del personal", ["user"] = "Nom d'usuari", ["password"] = "Contrasenya", ["submit"] = "Entra",
            ["wrong"] = "El nom d'usuari o la contrasenya no són correctes.",
            ["locked"] = "El compte està bloquejat temporalment per massa intents fallits. Torneu-ho a provar més tard.",
            ["totp-title"] = "Codi de verificació", ["totp"] = "Codi de 6 xifres de l'aplicació d'autenticació", ["wrong-code"] = "El codi no és correcte.",
            ["expired"] = "La sessió d'accés ha caducat. Torneu a començar.",
            ["external"] = "Entra amb {0}", ["external-title"] = "Amb el compte de l'ajuntament",
            ["external-failed"] = "No s'ha pogut entrar amb el proveïdor de l'ajuntament. Torneu-ho a provar.",
            ["external-refused"] = "El vostre compte no té cap rol o ajuntament assignat en aquesta plataforma. Demaneu-ho a l'administrador.",
            ["disabled"] = "Aquest compte està desactivat. Demaneu-ho a l'administrador.",
            ["new-password-title"] = "Trieu una contrasenya nova", ["new-password"] = "Contrasenya nova", ["confirm-password"] = "Repetiu la contrasenya nova",
            ["new-password-why"] = "Heu entrat amb una contrasenya temporal: trieu-ne una de vostra per continuar.",
            ["mismatch"] = "Les dues contrasenyes no coincideixen.",
            ["weak"] = "La contrasenya és massa curta o massa simple: feu servir una frase més llarga.",
            ["same"] = "Trieu una contrasenya diferent de la temporal.",
        },
        ["es"] = new()
        {
            ["title"] = "Acceso del personal", ["user"] = "Nombre de usuario", ["password"] = "Contraseña", ["submit"] = "Entrar",
            ["wrong"] = "El nombre de usuario o la contraseña no son correctos.",
            ["locked"] = "La cuenta está bloqueada temporalmente por demasiados intentos fallidos. Vuelva a intentarlo más tarde.",
            ["totp-title"] = "Código de verificación", ["totp"] = "Código de 6 cifras de la aplicación de autenticación", ["wrong-code"] = "El código no es correcto.",
            ["expired"] = "La sesión de acceso ha caducado. Vuelva a empezar.",
            ["external"] = "Entrar con {0}", ["external-title"] = "Con la cuenta del ayuntamiento",
            ["external-failed"] = "No se ha podido entrar con el proveedor del ayuntamiento. Vuelva a intentarlo.",
            ["external-refused"] = "Su cuenta no tiene ningún rol o ayuntamiento asignado en esta plataforma. Pídalo al administrador.",
            ["disabled"] = "Esta cuenta está desactivada. Pregunte al administrador.",
            ["new-password-title"] = "Elija una contraseña nueva", ["new-password"] = "Contraseña nueva", ["confirm-password"] = "Repita la contraseña nueva",
            ["new-password-why"] = "Ha entrado con una contraseña temporal: elija una propia para continuar.",
            ["mismatch"] = "Las dos contraseñas no coinciden.",
            ["weak"] = "La contraseña es demasiado corta o demasiado simple: use una frase más larga.",
            ["same"] = "Elija una contraseña distinta de la temporal.",
        },
        ["en"] = new()
        {
            ["title"] = "Staff sign-in", ["user"] = "User name", ["password"] = "Password", ["submit"] = "Sign in",
            ["wrong"] = "The user name or password is not correct.",
            ["locked"] = "The account is locked for a while after too many failed attempts. Try again later.",
            ["totp-title"] = "Verification code", ["totp"] = "6-digit code from your authenticator app", ["wrong-code"] = "The code is not correct.",
            ["expired"] = "The sign-in has expired. Start again.",
            ["external"] = "Sign in with {0}", ["external-title"] = "With the council's account",
            ["external-failed"] = "Signing in with the council's provider did not work. Try again.",
            ["external-refused"] = "Your account has no role or council assigned on this platform. Ask your administrator.",
            ["disabled"] = "This account is disabled. Ask your administrator.",
            ["new-password-title"] = "Choose a new password", ["new-password"] = "New password", ["confirm-password"] = "Repeat the new password",
            ["new-password-why"] = "You signed in with a temporary password: choose your own to go on.",
            ["mismatch"] = "The two passwords are not the same.",
            ["weak"] = "The password is too short or too simple: use a longer passphrase.",
            ["same"] = "Choose a password other than the temporary one.",
        },
    };

    public static string Language(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptLanguage.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tag = value.Split(';')[0].Split('-')[0].ToLowerInvariant();
            if (Texts.ContainsKey(tag)) return tag;
        }
        return "ca";
    }

    public static string Text(string language, string key) => Texts[language][key];

    /// <summary>Only a path of this service (the authorization endpoint, usually): never an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not ('/' or '\\') && !url.Contains("://", StringComparison.Ordinal) ? url : "/";

    public static IResult Form(HttpContext http, IAntiforgery antiforgery, string titleKey, string action, string returnUrl, string? errorKey, int status,
        params (string Name, string LabelKey, string Type, string AutoComplete)[] fields) =>
        Form(http, antiforgery, titleKey, action, returnUrl, errorKey, status, before: "", fields);

    /// <param name="before">Markup shown above the form, already encoded.</param>
    public static IResult Form(HttpContext http, IAntiforgery antiforgery, string titleKey, string action, string returnUrl, string? errorKey, int status,
        string before, params (string Name, string LabelKey, string Type, string AutoComplete)[] fields) =>
        Form(http, antiforgery, titleKey, action, returnUrl, errorKey, status, before, after: "", fields);

    /// <param name="after">Markup shown below the form (the login page's other ways to sign in), already encoded.</param>
    public static IResult Form(HttpContext http, IAntiforgery antiforgery, string titleKey, string action, string returnUrl, string? errorKey, int status,
        string before, string after, params (string Name, string LabelKey, string Type, string AutoComplete)[] fields)
    {
        var language = Language(http.Request);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var e = HtmlEncoder.Default;
        var inputs = string.Concat(fields.Select((f, i) =>
            $"""
            <p><label for="{f.Name}">{e.Encode(Text(language, f.LabelKey))}</label><br>
            <input id="{f.Name}" name="{f.Name}" type="{f.Type}" autocomplete="{f.AutoComplete}" required{(i == 0 ? " autofocus" : "")}{(errorKey is null ? "" : " aria-describedby=\"error\" aria-invalid=\"true\"")}></p>
            """));
        var error = errorKey is null ? "" : $"""<p id="error" role="alert">{e.Encode(Text(language, errorKey))}</p>""";
        var html = $"""
            <!doctype html>
            <html lang="{language}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{e.Encode(Text(language, titleKey))}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a{"}"}label{"{"}display:inline-block;margin-bottom:.6rem{"}"}input{"{"}font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box{"}"}input:focus,button:focus{"{"}outline:3px solid #005fcc;outline-offset:2px{"}"}button{"{"}font-size:1rem;padding:.5rem 1.2rem{"}"}[role=alert]{"{"}color:#a00000{"}"}</style></head>
            <body><main>
            <h1>{e.Encode(Text(language, titleKey))}</h1>
            {error}
            {before}
            <form method="post" action="{e.Encode(action)}">
            <input type="hidden" name="{e.Encode(tokens.FormFieldName)}" value="{e.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="returnUrl" value="{e.Encode(returnUrl)}">
            {inputs}
            <p><button type="submit">{e.Encode(Text(language, "submit"))}</button></p>
            </form>
            {after}
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
