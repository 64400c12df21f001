// The kiosk screen's few browser-side steps (an ES module, imported by the page).

/** The page's language for screen readers and hyphenation: the citizen's choice, not the request's. */
export function setLanguage(language) {
    document.documentElement.lang = language;
}

/** What the page can know of the kiosk's hardware: whether it can print (through the operating system's printer, not
 *  whether it has paper) and whether the screen takes touches. Everything else is declared in configuration. */
export function capabilities() {
    return { print: typeof window.print === "function", touch: (navigator.maxTouchPoints || 0) > 0 };
}

export function print() {
    window.print();
}

/** The end of a private session: storage and every cookie script can see are dropped (the device's cookie is HttpOnly,
 *  and the clean page's server expires the other HttpOnly ones), then the clean page replaces this one, so no history
 *  entry of the session is left to go back to. */
export function wipe(url) {
    try { sessionStorage.clear(); } catch { /* storage disabled */ }
    try { localStorage.clear(); } catch { /* storage disabled */ }
    const base = new URL(document.baseURI).pathname.replace(/\/$/, "");
    for (const cookie of document.cookie.split(";")) {
        const name = cookie.split("=")[0].trim();
        if (!name) continue;
        for (const path of ["/", base || "/", location.pathname]) {
            document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}`;
        }
    }
    location.replace(url);
}
