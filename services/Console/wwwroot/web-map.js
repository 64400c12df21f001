// The citizen web's drawn map (WebMapPicker.razor): a click, a tap or the arrow keys choose a point; the point goes
// back to the page as "lat,lon" through the hidden input's change event (Blazor listens for it like any field).
export function attach(svg, input) {
    if (!svg || svg.dataset.attached) return;
    svg.dataset.attached = "1";
    const area = () => ({ n: +svg.dataset.north, s: +svg.dataset.south, w: +svg.dataset.west, e: +svg.dataset.east });
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const send = (lat, lon) => {
        const a = area();
        input.value = clamp(lat, a.s, a.n).toFixed(6) + "," + clamp(lon, a.w, a.e).toFixed(6);
        input.dispatchEvent(new Event("change", { bubbles: true }));
    };
    svg.addEventListener("click", ev => {
        const box = svg.getBoundingClientRect();
        const a = area();
        const x = (ev.clientX - box.left) / box.width, y = (ev.clientY - box.top) / box.height;
        send(a.n - y * (a.n - a.s), a.w + x * (a.e - a.w));
    });
    const steps = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    svg.addEventListener("keydown", ev => {
        const step = steps[ev.key];
        if (!step) return; // Tab and every other key keep their meaning
        ev.preventDefault();
        const a = area();
        // One step is 1/100 of the map (about 80 m here), ten with Shift; the first press starts from the middle.
        const size = ev.shiftKey ? 10 : 1;
        const lat = svg.dataset.lat ? +svg.dataset.lat : (a.n + a.s) / 2;
        const lon = svg.dataset.lon ? +svg.dataset.lon : (a.w + a.e) / 2;
        const moved = svg.dataset.lat !== undefined && svg.dataset.lat !== "";
        send(lat + (moved ? step[0] * size * (a.n - a.s) / 100 : 0), lon + (moved ? step[1] * size * (a.e - a.w) / 100 : 0));
    });
}
