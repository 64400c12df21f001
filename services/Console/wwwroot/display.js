// The waiting-room display: reads the office's display feed (server-sent events relayed by the console, so the device
// token never reaches the browser), shows the last calls large with their desk and how long each line waits, announces
// each call in the live region, with a chime and the browser's speech synthesis in the office's languages, and
// reconnects by itself, saying so on the screen while it does.
(() => {
    'use strict';
    const root = document.querySelector('main.display');
    if (!root) return;
    const words = JSON.parse(document.getElementById('display-words').textContent);
    const status = document.getElementById('display-status');
    const list = document.getElementById('display-calls');
    const empty = document.getElementById('display-empty');
    const announcer = document.getElementById('display-announcer');
    const soundButton = document.getElementById('display-sound');
    const feed = root.dataset.feed;
    const shownCalls = 8;
    const voices = { ca: 'ca-ES', es: 'es-ES', en: 'en-GB' };

    const format = (template, ...values) => template.replace(/\{(\d)\}/g, (_, i) => values[Number(i)]);

    function setState(state) {
        if (status.dataset.state === state) return;
        status.dataset.state = state;
        status.textContent = words.status[state];
        root.dataset.state = state;
    }

    function callItem(call) {
        const item = document.createElement('li');
        item.className = 'display-call';
        item.dataset.number = call.number;
        item.dataset.desk = call.deskId;
        item.dataset.call = String(call.call);
        const ticket = document.createElement('span');
        ticket.className = 'display-number';
        ticket.textContent = call.number;
        const arrow = document.createElement('span');
        arrow.className = 'display-arrow';
        arrow.setAttribute('aria-hidden', 'true');
        arrow.textContent = '→';
        const desk = document.createElement('span');
        desk.className = 'display-desk';
        desk.textContent = `${words.desk} ${call.deskId}`;
        // For assistive technology reading the list: "Ticket G-014, desk 3", not "G-014 → Desk 3".
        const spoken = document.createElement('span');
        spoken.className = 'display-hidden';
        spoken.textContent = format(words.say, call.number, call.deskId);
        ticket.setAttribute('aria-hidden', 'true');
        desk.setAttribute('aria-hidden', 'true');
        item.append(ticket, arrow, desk, spoken);
        return item;
    }

    function showCalls(calls) {
        list.replaceChildren(...calls.slice(-shownCalls).reverse().map(callItem));
        empty.hidden = list.children.length > 0;
    }

    function addCall(call) {
        list.prepend(callItem(call));
        while (list.children.length > shownCalls) list.lastElementChild.remove();
        empty.hidden = true;
        announce(call);
        // When the call reached the screen (the next frame), for anyone measuring call-to-screen time.
        requestAnimationFrame(() => document.dispatchEvent(new CustomEvent('display-call', {
            detail: { number: call.number, call: call.call, shownAt: performance.timeOrigin + performance.now() },
        })));
    }

    function showWaits(waits) {
        for (const line of waits.lines) {
            const row = document.querySelector(`#display-waits tr[data-line="${CSS.escape(line.line)}"]`);
            if (!row) continue;
            row.querySelector('.display-count').textContent = String(line.waiting);
            row.querySelector('.display-minutes').textContent =
                line.expectedMinutes == null ? (line.waiting > 0 ? words.noDesk : '–') : format(words.minutes, line.expectedMinutes);
        }
    }

    // Sound: a chime (Web Audio) and the announcement spoken in each of the office's languages. Browsers allow sound
    // after a gesture (or with the kiosk-mode autoplay flag): the button is there until sound may play.
    let audio = null;
    function soundReady() {
        try {
            audio = audio || new AudioContext();
        } catch { return false; }
        return audio.state === 'running';
    }
    soundButton.addEventListener('click', async () => {
        try { await (audio || new AudioContext()).resume(); } catch { /* no audio device */ }
        if (soundReady()) soundButton.hidden = true;
    });
    if (soundReady()) soundButton.hidden = true;

    function chime() {
        if (!soundReady()) return;
        const now = audio.currentTime;
        for (const [i, frequency] of [659.25, 523.25].entries()) {
            const tone = audio.createOscillator();
            const gain = audio.createGain();
            tone.frequency.value = frequency;
            gain.gain.setValueAtTime(0.0001, now + i * 0.35);
            gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.35 + 0.03);
            gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.6);
            tone.connect(gain).connect(audio.destination);
            tone.start(now + i * 0.35);
            tone.stop(now + i * 0.35 + 0.65);
        }
    }

    function announce(call) {
        // The live region: replaced, not appended, so it never grows and each call is read once.
        announcer.textContent = format(words.say, call.number, call.deskId);
        chime();
        if (!('speechSynthesis' in window) || !soundReady()) return;
        // "G-014" read as letter and number, not "G minus 14".
        const number = call.number.replace('-', ' ');
        for (const voice of words.speak) {
            const utterance = new SpeechSynthesisUtterance(format(voice.say, number, call.deskId));
            utterance.lang = voices[voice.lang] || voice.lang;
            utterance.rate = 0.9;
            speechSynthesis.speak(utterance);
        }
    }

    // The feed. Every (re)connection starts with a snapshot, so nothing is missed while away. A dropped stream is
    // retried by the browser itself; a refused one (503 while queues restarts) closes the EventSource, and the page
    // opens a new one after a short, growing pause.
    let source = null;
    let pause = 1000;
    let seen = new Set();
    function connect() {
        source = new EventSource(feed);
        source.addEventListener('snapshot', e => {
            const snapshot = JSON.parse(e.data);
            seen = new Set(snapshot.recentCalls.map(c => `${c.number}#${c.call}`));
            showCalls(snapshot.recentCalls);
            pause = 1000;
            setState('live');
        });
        source.addEventListener('called', e => {
            const call = JSON.parse(e.data);
            const key = `${call.number}#${call.call}`;
            if (seen.has(key)) return;
            seen.add(key);
            if (seen.size > 200) seen = new Set([...seen].slice(-100));
            addCall(call);
        });
        source.addEventListener('waits', e => showWaits(JSON.parse(e.data)));
        source.addEventListener('error', () => {
            setState('reconnecting');
            if (source.readyState === EventSource.CLOSED) {
                source.close();
                setTimeout(connect, pause);
                pause = Math.min(pause * 2, 10000);
            }
        });
    }
    connect();
})();
