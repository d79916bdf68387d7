// Charts on an event's page, drawn over the server's own HTML (progressive
// enhancement): each table[data-chart=bar] becomes a horizontal bar chart and
// each ul[data-chart=wordcloud] a word cloud, with Chart.js and
// chartjs-chart-wordcloud (vendored, see README.md). The table or list stays in
// the page for screen readers (visually hidden once the chart is drawn); without
// JavaScript, or if drawing fails, they simply stay as they are.

const CHART_URL = new URL("./vendor/chart.js/chart.umd.min.js", import.meta.url).href;
const CLOUD_URL = new URL("./vendor/chartjs-chart-wordcloud/index.umd.min.js", import.meta.url).href;

const BLUE = "#005eb8";
const DARK_BLUE = "#003087";
const TEXT = "#212b32";
const GREY_1 = "#425563";
const GREY_4 = "#d8dde0";
const FONT = getComputedStyle(document.body).fontFamily || "Arial, sans-serif";

// The UMD builds set globals (Chart, ChartWordCloud) when run as modules.
let chartPromise = null;
function loadChart() {
	chartPromise ??= import(CHART_URL).then(() => {
		if (!globalThis.Chart) throw new Error("Chart.js did not load");
		return globalThis.Chart;
	});
	return chartPromise;
}

let cloudPromise = null;
function loadCloud() {
	cloudPromise ??= loadChart().then(async (Chart) => {
		await import(CLOUD_URL);
		const wc = globalThis.ChartWordCloud;
		if (!wc) throw new Error("chartjs-chart-wordcloud did not load");
		Chart.register(wc.WordCloudController, wc.WordElement);
		return Chart;
	});
	return cloudPromise;
}

// The text a sighted reader sees: without the parts kept for screen readers
// (a word cloud's "(2 events)", say).
function visibleText(node) {
	const copy = node.cloneNode(true);
	for (const hidden of copy.querySelectorAll(".app-visually-hidden")) hidden.remove();
	return copy.textContent.replace(/\s+/g, " ").trim();
}

function number(text) {
	const n = Number(String(text).replace(/[^0-9.\-]/g, ""));
	return Number.isFinite(n) ? n : 0;
}

// Draws the chart in box's canvas; only then is the table or list hidden (for eyes).
function draw(Chart, box, source, config) {
	try {
		new Chart(box.querySelector("canvas"), config);
	} catch (e) {
		box.remove();
		throw e;
	}
	// Hidden in a wrapper: a table ignores width and overflow, and would widen the page.
	const wrap = document.createElement("div");
	wrap.className = "app-visually-hidden";
	source.before(wrap);
	wrap.append(source);
}

// Rows of a bar table: the row header is the answer, the last cell the count.
function barRows(table) {
	const rows = [];
	for (const tr of table.tBodies[0]?.rows ?? []) {
		const head = tr.querySelector("th") ?? tr.cells[0];
		const cells = [...tr.cells].filter((c) => c !== head);
		if (!head || !cells.length) continue;
		rows.push({ label: visibleText(head), value: number(cells[cells.length - 1].textContent) });
	}
	return rows;
}

// Splits a long answer over lines for a narrow screen (never cut: the whole answer shows).
function wrapLabel(text, max) {
	if (text.length <= max) return text;
	const words = text.split(/\s+/);
	const lines = [];
	let line = "";
	for (const w of words) {
		if (line && (line + " " + w).length > max) {
			lines.push(line);
			line = w;
		} else line = line ? line + " " + w : w;
	}
	if (line) lines.push(line);
	return lines;
}

// The count at the end of each bar, in the text colour (never only the bar's length).
const valueLabels = {
	id: "appValueLabels",
	afterDatasetsDraw(chart) {
		const { ctx } = chart;
		const meta = chart.getDatasetMeta(0);
		const data = chart.data.datasets[0].data;
		const size = chart.options.scales.y.ticks.font.size;
		ctx.save();
		ctx.font = `700 ${size}px ${FONT}`;
		ctx.textBaseline = "middle";
		meta.data.forEach((bar, i) => {
			const text = String(data[i]);
			const w = ctx.measureText(text).width;
			const inside = bar.x - chart.chartArea.left > w + 16 && bar.x + w + 8 > chart.chartArea.right;
			ctx.fillStyle = inside ? "#fff" : TEXT;
			ctx.textAlign = inside ? "right" : "left";
			ctx.fillText(text, inside ? bar.x - 8 : bar.x + 6, bar.y);
		});
		ctx.restore();
	},
};

async function drawBar(table) {
	const rows = barRows(table);
	if (!rows.length) return;
	const Chart = await loadChart();
	const narrow = table.closest("figure, main, body").clientWidth < 500;
	const font = narrow ? 15 : 17;
	const labels = rows.map((r) => wrapLabel(r.label, narrow ? 16 : 30));
	const lineCount = labels.reduce((n, l) => n + (Array.isArray(l) ? l.length : 1), 0);

	const box = document.createElement("div");
	box.className = "app-chart__canvas";
	box.style.height = `${Math.max(rows.length * 44, lineCount * (font + 4) + rows.length * 14) + 48}px`;
	box.setAttribute("aria-hidden", "true");
	const canvas = document.createElement("canvas");
	box.append(canvas);
	table.before(box);

	const max = Math.max(...rows.map((r) => r.value), 1);
	draw(Chart, box, table, {
		type: "bar",
		data: {
			labels,
			datasets: [
				{
					data: rows.map((r) => r.value),
					backgroundColor: BLUE,
					hoverBackgroundColor: DARK_BLUE,
					borderWidth: 0,
					barPercentage: 0.8,
					categoryPercentage: 0.9,
				},
			],
		},
		options: {
			indexAxis: "y",
			responsive: true,
			maintainAspectRatio: false,
			animation: false,
			events: [],
			layout: { padding: { right: 12 + String(max).length * 10 } },
			plugins: { legend: { display: false }, tooltip: { enabled: false } },
			scales: {
				x: {
					beginAtZero: true,
					suggestedMax: max,
					ticks: { precision: 0, color: GREY_1, font: { family: FONT, size: font } },
					grid: { color: GREY_4 },
					border: { color: GREY_1 },
				},
				y: {
					ticks: { color: TEXT, font: { family: FONT, size: font, weight: "600" }, autoSkip: false },
					grid: { display: false },
					border: { color: GREY_1, width: 2 },
				},
			},
		},
		plugins: [valueLabels],
	});
}

const CLOUD_COLOURS = [GREY_1, TEXT, DARK_BLUE, BLUE, BLUE];

// The layout's bounds are not centred on the canvas once scaled to fit: move
// the words so that the cloud sits in the middle of its box.
const centreCloud = {
	id: "appCentreCloud",
	afterUpdate(chart) {
		const words = chart.getDatasetMeta(0).data.filter((w) => w.scale > 0);
		if (!words.length) return;
		let left = Infinity;
		let right = -Infinity;
		let top = Infinity;
		let bottom = -Infinity;
		for (const w of words) {
			left = Math.min(left, w.x - w.width / 2);
			right = Math.max(right, w.x + w.width / 2);
			top = Math.min(top, w.y - w.height / 2);
			bottom = Math.max(bottom, w.y + w.height / 2);
		}
		const area = chart.chartArea;
		const dx = (area.left + area.right) / 2 - (left + right) / 2;
		const dy = (area.top + area.bottom) / 2 - (top + bottom) / 2;
		for (const w of words) {
			w.x += dx;
			w.y += dy;
		}
	},
};

async function drawCloud(list) {
	const words = [...list.querySelectorAll("li")]
		.map((li) => ({
			text: visibleText(li),
			weight: Math.min(5, Math.max(1, Math.round(number(li.dataset.weight) || 1))),
		}))
		.filter((w) => w.text);
	if (!words.length) return;
	const Chart = await loadCloud();

	const box = document.createElement("div");
	box.className = "app-wordcloud__canvas";
	box.setAttribute("aria-hidden", "true");
	const canvas = document.createElement("canvas");
	box.append(canvas);
	list.before(box);
	const narrow = box.clientWidth < 500;
	const sizes = narrow ? [14, 18, 24, 32, 40] : [16, 22, 30, 40, 54];
	// A few words need less room than many.
	box.style.height = `${Math.min(narrow ? 260 : 340, 110 + words.length * (narrow ? 22 : 26))}px`;

	draw(Chart, box, list, {
		type: "wordCloud",
		data: {
			labels: words.map((w) => w.text),
			datasets: [
				{
					data: words.map((w) => sizes[w.weight - 1]),
					color: words.map((w) => CLOUD_COLOURS[w.weight - 1]),
					family: FONT,
					weight: words.map((w) => (w.weight >= 3 ? "700" : "600")),
					rotate: 0,
					rotationSteps: 1,
					padding: 4,
					fit: true,
					autoGrow: { maxTries: 8, scalingFactor: 1.2 },
				},
			],
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: false,
			events: [],
			layout: { padding: 8 },
			plugins: { legend: { display: false }, tooltip: { enabled: false } },
		},
		plugins: [centreCloud],
	});
}

async function main() {
	const jobs = [];
	for (const t of document.querySelectorAll("table[data-chart=bar]")) jobs.push(drawBar(t));
	for (const l of document.querySelectorAll("ul[data-chart=wordcloud]")) jobs.push(drawCloud(l));
	const results = await Promise.allSettled(jobs);
	for (const r of results) if (r.status === "rejected") console.warn("charts:", r.reason);
}

main();
