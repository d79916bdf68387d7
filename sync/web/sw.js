// Service worker of the online space (served at /sw.js, scope /): keeps the
// receive page, its style, script and the QR decoder on the phone, so a phone
// with no connection at the kiosk can still read the codes (the frames wait in
// IndexedDB, see receive.js).
//
// /static/...: cache first (answered from the phone at once; the copy is
// refreshed from the network in the background, so a new version of the server
// reaches the phone on the next visit). /receive: network first, the cached copy
// when the network fails. Everything else (other pages, POSTs, the API) goes to
// the network untouched.

const CACHE = "cop-receive-v1";
const PAGE = "/receive";
const PRECACHE = [
	PAGE,
	"/static/style.css",
	"/static/receive.js",
	"/static/vendor/zxing-wasm/es/reader/index.js",
	"/static/vendor/zxing-wasm/es/share.js",
	"/static/vendor/zxing-wasm/reader/zxing_reader.wasm",
];

// A response worth keeping: a real 200 of this origin, not a redirect to sign-in.
function keepable(res) {
	return res && res.ok && res.status === 200 && res.type === "basic" && !res.redirected;
}

async function precache() {
	const cache = await caches.open(CACHE);
	await Promise.all(
		PRECACHE.map(async (url) => {
			try {
				const res = await fetch(new Request(url, { cache: "reload", credentials: "same-origin" }));
				if (keepable(res)) await cache.put(url, res);
			} catch {
				/* offline now: cached the next time the page loads */
			}
		}),
	);
}

self.addEventListener("install", (event) => {
	event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith("cop-receive-") && name !== CACHE) await caches.delete(name);
			}
			await self.clients.claim();
		})(),
	);
});

async function fromNetworkAndKeep(request, key) {
	const res = await fetch(request);
	if (keepable(res)) {
		const copy = res.clone();
		caches.open(CACHE).then((cache) => cache.put(key, copy));
	}
	return res;
}

async function cacheFirst(event, key) {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(key);
	if (hit) {
		// Refresh in the background; the phone keeps working if it cannot.
		event.waitUntil(fromNetworkAndKeep(new Request(key, { cache: "no-cache" }), key).catch(() => {}));
		return hit;
	}
	return fromNetworkAndKeep(event.request, key);
}

async function networkFirst(event) {
	try {
		const res = await fromNetworkAndKeep(event.request, PAGE);
		// A server that is there but failing (a proxy's 502): the kept page is better.
		if (res.status >= 500) {
			const hit = await caches.match(PAGE);
			if (hit) return hit;
		}
		return res;
	} catch (e) {
		const hit = await caches.match(PAGE);
		if (hit) return hit;
		throw e;
	}
}

self.addEventListener("fetch", (event) => {
	const req = event.request;
	if (req.method !== "GET") return;
	const url = new URL(req.url);
	if (url.origin !== self.location.origin) return;
	if (url.pathname === PAGE) {
		event.respondWith(networkFirst(event));
		return;
	}
	if (url.pathname.startsWith("/static/")) {
		event.respondWith(cacheFirst(event, url.pathname));
	}
});
