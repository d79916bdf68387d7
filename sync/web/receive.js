// The receive page (/receive): reads a kiosk's loop of QR codes with the phone's
// camera and sends each new frame text to the online space (POST /api/frames).
// Frames are kept in IndexedDB until the server has them, so a phone with no
// connection keeps reading and sends them later; the page and the decoder are
// cached by the service worker (/sw.js).
//
// Decoder: the browser's BarcodeDetector where it reads QR codes, else ZXing
// compiled to WebAssembly (vendored zxing-wasm, loaded from this server only).
// The frame texts are opaque here: only the header (tag, seq, count) is read, to
// show progress while offline. A sealed batch stays sealed: only the server opens it.

const MAX_PER_REQUEST = 64;
const BATCH_DELAY_MS = 150; // gather the frames read meanwhile into one request
const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 15000;
const FPS_WINDOW_MS = 2000;
const KEEP_DONE_MS = 30 * 24 * 3600 * 1000;

const ZXING_URL = new URL("./vendor/zxing-wasm/es/reader/index.js", import.meta.url).href;
const ZXING_WASM_DIR = new URL("./vendor/zxing-wasm/reader/", import.meta.url).href;

const $ = (id) => document.getElementById(id);
const el = {
	camera: $("camera"),
	video: $("video"),
	cameraMessage: $("camera-message"),
	cameraText: $("camera-text"),
	start: $("start-camera"),
	progress: $("progress"),
	ring: $("progress-ring"),
	percent: $("progress-percent"),
	progressText: $("progress-text"),
	fps: $("fps"),
	status: $("status"),
	kiosk: $("kiosk"),
	sealed: $("sealed"),
	missing: $("missing"),
	receipt: $("receipt"),
	receiptCode: $("receipt-code"),
	receiptSummary: $("receipt-summary"),
	again: $("scan-again"),
	scanner: $("scanner"),
	instruction: $("instruction"),
};

const RING_LENGTH = 2 * Math.PI * 52;

// ---------------------------------------------------------------------------
// IndexedDB: "frames" (one row per frame text, with its tag and sent flag),
// "batches" (what the server last said of each tag; imported ones keep their
// receipt so a re-read loop is not sent again), "meta" (the server's epoch).

const DB_NAME = "cop-receive";
let dbPromise = null;

function openDb() {
	if (dbPromise) return dbPromise;
	dbPromise = new Promise((resolve) => {
		if (!("indexedDB" in window)) {
			resolve(null);
			return;
		}
		let req;
		try {
			req = indexedDB.open(DB_NAME, 1);
		} catch {
			resolve(null);
			return;
		}
		req.onupgradeneeded = () => {
			const db = req.result;
			const frames = db.createObjectStore("frames", { keyPath: "text" });
			frames.createIndex("tag", "tag");
			db.createObjectStore("batches", { keyPath: "tag" });
			db.createObjectStore("meta", { keyPath: "key" });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => resolve(null); // private mode etc.: keep going in memory
		req.onblocked = () => resolve(null);
	});
	return dbPromise;
}

async function tx(stores, mode, fn) {
	const db = await openDb();
	if (!db) return undefined;
	return new Promise((resolve, reject) => {
		let result;
		const t = db.transaction(stores, mode);
		t.oncomplete = () => resolve(result);
		t.onerror = () => reject(t.error);
		t.onabort = () => reject(t.error);
		result = fn(t);
	}).catch((e) => {
		console.warn("cop-receive: IndexedDB", e);
		return undefined;
	});
}

function getAll(store) {
	return new Promise((resolve) => {
		tx([store], "readonly", (t) => {
			const r = t.objectStore(store).getAll();
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => resolve([]);
		}).then((v) => v === undefined && resolve([]));
	});
}

const dbPutFrames = (rows) =>
	tx(["frames"], "readwrite", (t) => {
		const s = t.objectStore("frames");
		for (const r of rows) s.put(r);
	});

const dbDeleteFrames = (texts) =>
	tx(["frames"], "readwrite", (t) => {
		const s = t.objectStore("frames");
		for (const text of texts) s.delete(text);
	});

const dbPutBatch = (b) => tx(["batches"], "readwrite", (t) => t.objectStore("batches").put(b));
const dbDeleteBatches = (tags) =>
	tx(["batches"], "readwrite", (t) => {
		for (const tag of tags) t.objectStore("batches").delete(tag);
	});
const dbPutMeta = (key, value) => tx(["meta"], "readwrite", (t) => t.objectStore("meta").put({ key, value }));

// ---------------------------------------------------------------------------
// State

/** text -> {text, tag, seq, count, sent} for every frame this page holds. */
const frames = new Map();
/** tag -> {count, plain: Set of seq <= count, extra: Set of seq > count, server: last answer} */
const batches = new Map();
/** tag -> {receipt, records, kiosk, at} for batches already imported. */
const done = new Map();
/** tag -> message, for batches the server refused (this visit only). */
const refused = new Map();

let epoch = null;
let current = null; // the tag shown
let csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
let perRequest = MAX_PER_REQUEST;

const net = {
	sending: false,
	timer: null,
	retryMs: 0,
	offline: !navigator.onLine,
	authEnded: false,
	triedNewToken: false,
	serverError: null,
};

// "CK1/check/tag/seq/count/body": the header is read only to show progress.
const HEADER = /^CK[0-9A-Z]\/[0-9A-Z]{7}\/([0-9A-Z]{6})\/([1-9][0-9]{0,9})\/([1-9][0-9]{0,3})\//;

function parseFrame(text) {
	const m = HEADER.exec(text);
	if (!m) return { tag: "", seq: 0, count: 0 };
	return { tag: m[1], seq: Number(m[2]), count: Number(m[3]) };
}

function batchOf(tag, count) {
	let b = batches.get(tag);
	if (!b) {
		b = { count, plain: new Set(), extra: new Set(), server: null };
		batches.set(tag, b);
	}
	if (count && !b.count) b.count = count;
	return b;
}

function note(f) {
	if (!f.tag) return;
	const b = batchOf(f.tag, f.count);
	if (f.seq <= f.count) b.plain.add(f.seq);
	else b.extra.add(f.seq);
}

// ---------------------------------------------------------------------------
// A frame read by the camera

const reads = []; // times of the codes read, for the rate shown
let attempts = 0;

function onText(raw) {
	const text = String(raw).replace(/[\r\n]+$/, "");
	if (!text.startsWith("CK")) return; // some other QR code
	reads.push(performance.now());
	el.camera.classList.add("app-camera--reading");
	if (frames.has(text)) return;
	const f = parseFrame(text);
	if (f.tag && done.has(f.tag)) {
		// Already in the online space: show its receipt again, send nothing.
		if (current !== f.tag || el.receipt.hidden) showReceipt(f.tag, done.get(f.tag));
		return;
	}
	if (f.tag && refused.has(f.tag)) {
		current = f.tag;
		setStatus(refused.get(f.tag), "error");
		return;
	}
	const row = { text, tag: f.tag, seq: f.seq, count: f.count, sent: 0, at: Date.now() };
	frames.set(text, row);
	note(row);
	if (f.tag) current = f.tag;
	dbPutFrames([row]);
	render();
	scheduleSend(BATCH_DELAY_MS);
}

// ---------------------------------------------------------------------------
// Sending to the online space

function unsent() {
	const out = [];
	for (const f of frames.values()) {
		if (!f.sent && !done.has(f.tag) && !refused.has(f.tag)) out.push(f);
	}
	return out;
}

function scheduleSend(delay) {
	if (net.sending || net.authEnded) return;
	if (net.timer) {
		if (delay >= BATCH_DELAY_MS) return; // one is coming anyway
		clearTimeout(net.timer);
	}
	net.timer = setTimeout(() => {
		net.timer = null;
		flush();
	}, delay);
}

function retryLater() {
	net.retryMs = Math.min(RETRY_MAX_MS, net.retryMs ? net.retryMs * 2 : RETRY_MIN_MS);
	if (net.timer) clearTimeout(net.timer);
	net.timer = setTimeout(() => {
		net.timer = null;
		flush();
	}, net.retryMs);
}

async function flush() {
	if (net.sending || net.authEnded) return;
	const batch = unsent().slice(0, perRequest);
	if (!batch.length) return;
	if (!navigator.onLine) {
		net.offline = true;
		render();
		retryLater(); // the "online" event usually comes first
		return;
	}
	net.sending = true;
	let res;
	try {
		res = await fetch("/api/frames", {
			method: "POST",
			headers: { "Content-Type": "text/plain", "X-CSRF-Token": csrf },
			body: batch.map((f) => f.text).join("\n"),
			credentials: "same-origin",
			cache: "no-store",
			redirect: "manual",
		});
	} catch {
		net.sending = false;
		net.offline = true;
		render();
		retryLater();
		return;
	}
	net.sending = false;
	net.offline = false;

	if (res.status === 200) {
		let body = null;
		try {
			body = await res.json();
		} catch {
			body = null;
		}
		if (!body || !Array.isArray(body.batches)) {
			net.serverError = "The online space gave an answer this page does not understand. The parts are kept on this phone.";
			render();
			retryLater();
			return;
		}
		net.retryMs = 0;
		net.serverError = null;
		net.triedNewToken = false;
		await accepted(batch, body);
		if (unsent().length) scheduleSend(0);
		return;
	}
	if (res.status === 401 || res.status === 403 || res.type === "opaqueredirect") {
		// A token from a cached page may be stale while the session is fine:
		// fetch the page once for a fresh token before asking to sign in.
		if (res.status === 403 && !net.triedNewToken && (await refreshToken())) {
			net.triedNewToken = true;
			scheduleSend(0);
			return;
		}
		net.authEnded = true;
		render();
		return;
	}
	if (res.status === 413 && perRequest > 1) {
		perRequest = Math.max(1, Math.floor(perRequest / 2));
		scheduleSend(0);
		return;
	}
	const text = await answerText(res);
	if (res.status === 408 || res.status === 429 || res.status >= 500) {
		net.serverError = `The online space could not take the parts just now (${res.status}${text ? ": " + text : ""}). They are kept on this phone and sent again shortly.`;
		render();
		retryLater();
		return;
	}
	// Another 4xx: the server will not take these texts; sending them again
	// would get the same answer.
	for (const f of batch) f.sent = 1;
	dbDeleteFrames(batch.map((f) => f.text));
	net.serverError = text || `The online space refused the parts (${res.status}).`;
	render();
	if (unsent().length) scheduleSend(BATCH_DELAY_MS);
}

async function answerText(res) {
	try {
		const t = (await res.text()).trim();
		if (!t) return "";
		if (t.startsWith("{")) {
			const j = JSON.parse(t);
			return String(j.message || j.error || "");
		}
		if (t.startsWith("<")) return ""; // an HTML error page
		return t.slice(0, 200);
	} catch {
		return "";
	}
}

async function refreshToken() {
	try {
		const r = await fetch(location.pathname || "/receive", { credentials: "same-origin", cache: "no-store", redirect: "manual" });
		if (!r.ok) return false;
		const html = await r.text();
		const doc = new DOMParser().parseFromString(html, "text/html");
		const t = doc.querySelector('meta[name="csrf-token"]')?.content;
		if (!t || t === csrf) return false;
		csrf = t;
		document.querySelector('meta[name="csrf-token"]')?.setAttribute("content", t);
		return true;
	} catch {
		return false;
	}
}

async function accepted(batch, body) {
	const inRequest = new Set(batch.map((f) => f.text));
	for (const f of batch) f.sent = 1;
	const resend = [];

	// The server forgot everything (restarted, another server): resend what it had.
	if (body.epoch != null && epoch != null && String(body.epoch) !== epoch) {
		for (const f of frames.values()) if (f.sent && !inRequest.has(f.text)) resend.push(f);
	}
	if (body.epoch != null && String(body.epoch) !== epoch) {
		epoch = String(body.epoch);
		dbPutMeta("epoch", epoch);
	}

	const finished = [];
	for (const a of body.batches) {
		if (!a || typeof a.tag !== "string") continue;
		const b = batchOf(a.tag, a.count || 0);
		// This tag's copy on the server started with this request: if frames of
		// it went before, they must go again.
		if (a.fresh === true) {
			for (const f of frames.values()) {
				if (f.tag === a.tag && f.sent && !inRequest.has(f.text)) resend.push(f);
			}
		}
		b.server = a;
		if (a.count) b.count = a.count;
		if (a.state === "imported") finished.push(a);
		else if (a.state === "refused") {
			refused.set(a.tag, a.message || "The online space refused this batch.");
			if (current === a.tag || !current) current = a.tag;
		} else {
			// Kept so that a page reloaded with no connection still knows the kiosk.
			dbPutBatch({ tag: a.tag, state: "receiving", server: a, at: Date.now() });
		}
	}
	for (const f of resend) f.sent = 0;

	const rows = batch.concat(resend).filter((f) => !done.has(f.tag));
	await dbPutFrames(rows);

	// Skipped texts: say why when nothing else happened.
	if (Array.isArray(body.skipped) && body.skipped.length && !body.batches.length) {
		const why = body.skipped[0] && body.skipped[0].why;
		net.serverError = why ? `A code was not taken: ${why}` : null;
	}

	for (const a of body.batches) {
		if (a && a.state === "refused") {
			const texts = [...frames.values()].filter((f) => f.tag === a.tag).map((f) => f.text);
			dbDeleteFrames(texts);
			dbDeleteBatches([a.tag]);
		}
	}
	for (const a of finished) await imported(a);
	render();
}

async function imported(a) {
	const info = { receipt: a.receipt || "", records: a.records, kiosk: a.kiosk, at: Date.now() };
	done.set(a.tag, info);
	const texts = [];
	for (const f of frames.values()) if (f.tag === a.tag) texts.push(f.text);
	await dbDeleteFrames(texts);
	await dbPutBatch({ tag: a.tag, state: "imported", ...info });
	showReceipt(a.tag, info, true);
}

// ---------------------------------------------------------------------------
// What the page shows

function setStatus(text, kind, html) {
	if (html) el.status.innerHTML = html;
	else if (el.status.textContent !== text) el.status.textContent = text;
	el.status.className = "app-receive__status" + (kind ? " app-receive__status--" + kind : "");
}

function plural(n, one, many) {
	return `${n} ${n === 1 ? one : many}`;
}

function render() {
	const b = current ? batches.get(current) : null;
	const s = b && b.server;
	const isDone = current && done.has(current);
	let have = 0;
	let count = 0;
	if (b) {
		count = b.count || (s && s.count) || 0;
		have = Math.max(s && typeof s.have === "number" ? s.have : 0, b.plain.size);
		if (isDone) have = count;
		have = Math.min(have, count);
	}
	const fraction = count ? have / count : 0;
	el.ring.setAttribute("stroke-dashoffset", String(RING_LENGTH * (1 - fraction)));
	el.percent.textContent = `${Math.floor(fraction * 100)}%`;
	el.progress.setAttribute("aria-valuemax", String(count || 1));
	el.progress.setAttribute("aria-valuenow", String(have));
	el.progress.classList.toggle("app-progress--done", !!isDone);
	el.progressText.textContent = count ? `${have} of ${count} parts` : "No parts yet";

	// Kiosk and encryption, once the server knows them.
	const kiosk = (s && s.kiosk) || (isDone && done.get(current).kiosk) || null;
	const sealed = s ? s.sealed : null;
	const unknown = b && b.plain.size ? "Shows once the online space has part 1" : "Shows once the first part is read";
	el.kiosk.textContent = kiosk
		? kiosk
		: sealed === true
			? "Shows once every part is received (the batch is encrypted)"
			: unknown;
	el.sealed.textContent = sealed === true ? "Encrypted for the archive" : sealed === false ? "Not encrypted" : unknown;

	// The last few parts: say which, so that the wait makes sense.
	// (Parts this phone holds are on their way: not "still to read".)
	const missing = s && Array.isArray(s.missing) ? s.missing.filter((n) => !b.plain.has(n)) : [];
	if (!isDone && count && missing.length && missing.length <= 8 && have >= count / 2) {
		const list = missing; // plain frame numbers, 1-based, as the kiosk counts them
		el.missing.textContent = `Still to read: ${list.length === 1 ? "part" : "parts"} ${list.join(", ")}. They come round again in the loop.`;
	} else el.missing.textContent = "";

	// The status line: the most important thing first.
	const waiting = unsent().length;
	const readHere = b ? b.plain.size + b.extra.size : 0;
	if (net.authEnded) {
		setStatus("", "error", 'Your sign-in has ended: <a href="/signin?next=/receive">sign in again</a>. ' +
			`The parts read so far (${plural(frames.size, "part", "parts")}) are kept on this phone and sent after you sign in.`);
	} else if (current && refused.has(current)) {
		setStatus(refused.get(current), "error");
	} else if (net.offline && waiting) {
		const all = b && count && b.plain.size >= count;
		setStatus(
			`Saved on this phone, will send when online. ${plural(readHere || waiting, "part", "parts")} read so far` +
				(all ? ": that is all of them, the camera can stop." : "."),
			"offline",
		);
	} else if (net.offline) {
		setStatus("No connection. Parts read now are saved on this phone and sent when online.", "offline");
	} else if (net.serverError) {
		setStatus(net.serverError, "error");
	} else if (isDone) {
		setStatus("Received. Type the receipt code on the kiosk.", "done");
	} else if (count) {
		setStatus("Keep the code in the square until the receipt code shows.", "");
	} else {
		setStatus("", "");
	}
}

function showReceipt(tag, info, fresh) {
	current = tag;
	el.receiptCode.textContent = info.receipt;
	const bits = [];
	if (typeof info.records === "number") bits.push(plural(info.records, "record", "records"));
	if (info.kiosk) bits.push(`from kiosk ${info.kiosk}`);
	el.receiptSummary.textContent = bits.length ? `${bits.join(" ")} ${fresh ? "are now" : "are already"} in the online space.` : "";
	el.receiptSummary.hidden = !bits.length;
	el.receipt.hidden = false;
	el.instruction.hidden = true;
	el.scanner.hidden = true;
	stopCamera();
	render();
	window.scrollTo(0, 0);
	el.receipt.focus({ preventScroll: true });
	if (fresh && navigator.vibrate) {
		try {
			navigator.vibrate([200, 100, 200]);
		} catch {}
	}
}

function hideReceipt() {
	el.receipt.hidden = true;
	el.instruction.hidden = false;
	el.scanner.hidden = false;
	current = null;
	net.serverError = null;
	render();
	startCamera();
}

setInterval(() => {
	const now = performance.now();
	while (reads.length && reads[0] < now - FPS_WINDOW_MS) reads.shift();
	el.fps.textContent = (reads.length / (FPS_WINDOW_MS / 1000)).toFixed(1);
	el.fps.dataset.attempts = String(attempts);
	if (!reads.length) el.camera.classList.remove("app-camera--reading");
}, 500);

// ---------------------------------------------------------------------------
// Decoder

let decoderPromise = null;

// ZXing reads the visible square at up to this many pixels a side, with its
// local binarizer (the global one, faster, missed a dense version-20 code in
// tests) and its own downscaling pyramid for codes that fill the square.
const ZXING_SIDE = 1080;

async function loadZxing() {
	const z = await import(ZXING_URL);
	await z.prepareZXingModule({
		overrides: {
			locateFile: (path, prefix) => (path.endsWith(".wasm") ? ZXING_WASM_DIR + path : prefix + path),
		},
		fireImmediately: true,
	});
	const options = {
		formats: ["QRCode"],
		binarizer: "LocalAverage",
		tryHarder: true,
		tryRotate: false,
		tryInvert: false,
		tryDownscale: true,
		maxNumberOfSymbols: 1,
		textMode: "Plain",
	};
	return {
		name: "zxing-wasm",
		side: ZXING_SIDE,
		decode: async (ctx, size) => {
			const image = ctx.getImageData(0, 0, size, size);
			const results = await z.readBarcodes(image, options);
			return results.filter((r) => r.isValid !== false && r.text).map((r) => r.text);
		},
	};
}

function getDecoder() {
	if (decoderPromise) return decoderPromise;
	decoderPromise = (async () => {
		if ("BarcodeDetector" in window) {
			try {
				const formats = await window.BarcodeDetector.getSupportedFormats();
				if (formats.includes("qr_code")) {
					const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
					return {
						name: "BarcodeDetector",
						side: 1080,
						decode: async (ctx) => (await detector.detect(ctx.canvas)).map((b) => b.rawValue),
					};
				}
			} catch {
				/* fall back to ZXing */
			}
		}
		return loadZxing();
	})();
	decoderPromise.catch(() => {
		decoderPromise = null;
	});
	return decoderPromise;
}

// ---------------------------------------------------------------------------
// Camera

let stream = null;
let running = false;
let loopId = 0;

function cameraMessage(text, showButton) {
	el.camera.classList.remove("app-camera--live");
	el.cameraText.textContent = text;
	el.start.hidden = !showButton;
	el.cameraMessage.hidden = false;
}

// The screen stays on while the camera reads (a phone held still at the kiosk
// gets no touches); released when the camera stops.
let wakeLock = null;
async function keepScreenOn(on) {
	try {
		if (on && !wakeLock && navigator.wakeLock && document.visibilityState === "visible") {
			wakeLock = await navigator.wakeLock.request("screen");
			wakeLock.addEventListener("release", () => {
				wakeLock = null;
			});
		} else if (!on && wakeLock) {
			await wakeLock.release();
			wakeLock = null;
		}
	} catch {
		wakeLock = null; // refused (battery saver): the page works without it
	}
}

document.addEventListener("visibilitychange", () => {
	if (document.visibilityState === "visible" && running) keepScreenOn(true);
});

function stopCamera() {
	keepScreenOn(false);
	running = false;
	el.camera.classList.remove("app-camera--live");
	loopId++;
	if (stream) {
		for (const t of stream.getTracks()) t.stop();
		stream = null;
	}
	el.video.srcObject = null;
}

async function startCamera() {
	if (running) return;
	if (!window.isSecureContext) {
		cameraMessage("A phone's browser only opens the camera on a secure (https) page. Open this page with an address starting https://.", false);
		return;
	}
	if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
		cameraMessage("This browser cannot open the camera. Try the phone's own browser (Chrome or Safari), up to date.", false);
		return;
	}
	cameraMessage("Opening the camera…", false);
	getDecoder().catch(() => {}); // load while the camera opens
	try {
		stream = await navigator.mediaDevices.getUserMedia({
			audio: false,
			video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } },
		});
	} catch (e) {
		stream = null;
		const name = e && e.name;
		if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
			cameraMessage("The camera was refused. Allow the camera for this site in the browser's settings, then press Start camera.", true);
		} else if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") {
			cameraMessage("No camera was found on this device.", true);
		} else if (name === "NotReadableError" || name === "AbortError" || name === "TrackStartError") {
			cameraMessage("The camera is in use by another app. Close that app, then press Start camera.", true);
		} else {
			cameraMessage(`The camera did not start (${name || "unknown error"}). Press Start camera to try again.`, true);
		}
		return;
	}
	el.video.srcObject = stream;
	for (const t of stream.getVideoTracks()) {
		t.addEventListener("ended", () => {
			if (running) {
				stopCamera();
				cameraMessage("The camera stopped. Press Start camera to go on.", true);
			}
		});
	}
	try {
		await el.video.play();
	} catch {
		cameraMessage("Press Start camera to begin.", true);
		return; // the button's press plays it
	}
	let decoder;
	try {
		decoder = await getDecoder();
	} catch (e) {
		console.error("cop-receive: decoder", e);
		stopCamera();
		cameraMessage("The code reader did not load. Check the connection, then press Start camera.", true);
		return;
	}
	el.camera.dataset.decoder = decoder.name;
	el.cameraMessage.hidden = true;
	el.camera.classList.add("app-camera--live");
	running = true;
	keepScreenOn(true);
	bringIntoView();
	decodeLoop(decoder, ++loopId);
}

// The phone is pointed at the kiosk from now on: the camera and the progress
// must both be on the screen, without scrolling by hand.
function bringIntoView() {
	const top = el.camera.getBoundingClientRect().top;
	const bottom = el.progress.getBoundingClientRect().bottom;
	if (top >= 0 && bottom <= window.innerHeight) return;
	const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
	window.scrollTo({ top: window.scrollY + top - 8, behavior: reduce ? "auto" : "smooth" });
}

function nextVideoFrame(video) {
	return new Promise((resolve) => {
		if (typeof video.requestVideoFrameCallback === "function") video.requestVideoFrameCallback(() => resolve());
		else requestAnimationFrame(() => resolve());
	});
}

async function decodeLoop(decoder, id) {
	const canvas = document.createElement("canvas");
	const ctx = canvas.getContext("2d", { willReadFrequently: true });
	const video = el.video;
	while (running && id === loopId) {
		await nextVideoFrame(video);
		if (!running || id !== loopId) break;
		if (document.hidden || video.readyState < 2 || !video.videoWidth) continue;
		// The visible square (object-fit: cover) is what is read.
		const vw = video.videoWidth;
		const vh = video.videoHeight;
		const side = Math.min(vw, vh);
		const size = Math.min(side, decoder.side);
		if (canvas.width !== size) {
			canvas.width = size;
			canvas.height = size;
		}
		ctx.drawImage(video, (vw - side) / 2, (vh - side) / 2, side, side, 0, 0, size, size);
		let texts = [];
		try {
			texts = await decoder.decode(ctx, size);
		} catch (e) {
			console.warn("cop-receive: decode", e);
		}
		attempts++;
		for (const t of texts) onText(t);
	}
}

// ---------------------------------------------------------------------------
// Start

async function restore() {
	const [rows, kept, meta] = await Promise.all([getAll("frames"), getAll("batches"), getAll("meta")]);
	for (const m of meta) if (m.key === "epoch") epoch = m.value;
	const old = [];
	for (const b of kept) {
		if (Date.now() - (b.at || 0) > KEEP_DONE_MS) old.push(b.tag);
		else if (b.state === "imported") done.set(b.tag, { receipt: b.receipt, records: b.records, kiosk: b.kiosk, at: b.at });
		else if (b.server) batchOf(b.tag, b.server.count || 0).server = b.server;
	}
	if (old.length) dbDeleteBatches(old);
	let newest = null;
	for (const r of rows) {
		if (done.has(r.tag)) continue;
		if (frames.has(r.text)) continue;
		frames.set(r.text, r);
		note(r);
		if (r.tag && (!newest || r.at > newest.at)) newest = r;
	}
	if (!current && newest) current = newest.tag;
	render();
	if (unsent().length) scheduleSend(0);
}

window.addEventListener("online", () => {
	net.offline = false;
	net.retryMs = 0;
	render();
	scheduleSend(0);
});
window.addEventListener("offline", () => {
	net.offline = true;
	render();
});

el.start.addEventListener("click", () => {
	stopCamera();
	startCamera();
});
el.again.addEventListener("click", hideReceipt);

if ("serviceWorker" in navigator && window.isSecureContext) {
	navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((e) => console.warn("cop-receive: service worker", e));
}

render();
restore();

(async () => {
	let state = "prompt";
	try {
		if (navigator.permissions && navigator.permissions.query) state = (await navigator.permissions.query({ name: "camera" })).state;
	} catch {
		/* not supported: try anyway */
	}
	if (state === "denied" && window.isSecureContext) cameraMessage("The camera was refused. Allow the camera for this site in the browser's settings, then press Start camera.", true);
	else startCamera();
})();

// For tests and the bench: what the page has done so far.
window.copReceive = {
	stats: () => ({
		decoder: el.camera.dataset.decoder || null,
		attempts,
		frames: frames.size,
		unsent: unsent().length,
		current,
		parts: current && batches.get(current) ? [...batches.get(current).plain, ...batches.get(current).extra].sort((a, b) => a - b) : [],
		sending: net.sending,
		offline: net.offline,
		retryMs: net.retryMs,
		timer: !!net.timer,
		done: Object.fromEntries(done),
	}),
};
