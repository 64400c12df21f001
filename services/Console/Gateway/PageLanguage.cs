using System.Globalization;
using System.Net.Http.Headers;
using Omnichannel.StaffConsole.Texts;

namespace Omnichannel.StaffConsole.Gateway;

/// <summary>
/// Every call to the gateway says the page's language (Accept-Language), so the errors the services write next to a
/// field (RFC 9457 <c>errors</c>) come in it: the request's culture (the citizen web's or the member of staff's choice,
/// else the browser's, as <see cref="T.Language"/> reads it). A client that knows better sets the header itself — the
/// kiosk speaks the language its citizen picked (<see cref="Kiosk.KioskGateway.Language"/>).
/// </summary>
public sealed class PageLanguageHandler : DelegatingHandler
{
    public static string Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName is var l && T.Languages.Contains(l) ? l : "ca";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.AcceptLanguage.Count == 0) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(Current));
        return base.SendAsync(request, cancellationToken);
    }
}
