/**
 * A small typed SVG builder for the report's charts. Why not a charting library: the candidates that render
 * SVG without a DOM (vega's headless `toSVG`, chartist/echarts SSR modes) bring megabytes of runtime code into
 * an n8n package whose charts are four bar charts; d3-scale/d3-shape would only replace a few lines of
 * arithmetic. This builder escapes every attribute and text node (escape-html), so account names in labels
 * cannot break out of the SVG.
 */
import { escapeHtml } from './escape';

export interface SvgNode {
	tag: string;
	attrs: Record<string, string | number | undefined>;
	children: Array<SvgNode | string>;
}

export function el(tag: string, attrs: SvgNode['attrs'] = {}, children: Array<SvgNode | string> = []): SvgNode {
	return { tag, attrs, children };
}

export function renderSvg(node: SvgNode | string): string {
	if (typeof node === 'string') return escapeHtml(node);
	const attrs = Object.entries(node.attrs)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => ` ${k}="${escapeHtml(typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v))}"`)
		.join('');
	if (node.children.length === 0) return `<${node.tag}${attrs}/>`;
	return `<${node.tag}${attrs}>${node.children.map(renderSvg).join('')}</${node.tag}>`;
}

export interface BarDatum {
	label: string;
	value: number;
	/** Shown above / beside the bar (already formatted, plain text). */
	display: string;
	color: string;
	/** Series name for grouped bars. */
	series?: string;
}

const FONT = 'Arial, Helvetica, sans-serif';

/** Vertical bars, grouped by label when several series share one. Every bar is a rect with data-bar. */
export function barChart(id: string, title: string, data: BarDatum[], width = 520, height = 240): SvgNode {
	const margin = { top: 28, right: 12, bottom: 40, left: 12 };
	const labels = [...new Set(data.map((d) => d.label))];
	const series = [...new Set(data.map((d) => d.series ?? ''))];
	const plotW = width - margin.left - margin.right;
	const plotH = height - margin.top - margin.bottom;
	const max = Math.max(1, ...data.map((d) => d.value));
	const groupW = plotW / Math.max(1, labels.length);
	const barW = Math.min(56, (groupW * 0.75) / series.length);
	const children: SvgNode[] = [el('text', { x: margin.left, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#102a43', 'font-family': FONT }, [title])];
	children.push(el('line', { x1: margin.left, x2: width - margin.right, y1: margin.top + plotH, y2: margin.top + plotH, stroke: '#bcccdc' }));
	labels.forEach((label, li) => {
		const groupX = margin.left + li * groupW + (groupW - barW * series.length) / 2;
		series.forEach((name, si) => {
			const d = data.find((x) => x.label === label && (x.series ?? '') === name);
			if (!d) return;
			const h = d.value > 0 ? Math.max(2, (d.value / max) * (plotH - 16)) : 0;
			const x = groupX + si * barW;
			const y = margin.top + plotH - h;
			children.push(el('rect', { x: x + 2, y, width: barW - 4, height: h, fill: d.color, rx: 2, 'data-bar': `${label}${name ? ` · ${name}` : ''}` }, [el('title', {}, [`${label}${name ? ` · ${name}` : ''}: ${d.display}`])]));
			children.push(el('text', { x: x + barW / 2, y: y - 4, 'text-anchor': 'middle', 'font-size': 11, fill: '#334e68', 'font-family': FONT }, [d.display]));
		});
		children.push(el('text', { x: margin.left + li * groupW + groupW / 2, y: margin.top + plotH + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#486581', 'font-family': FONT }, [label]));
	});
	if (series.length > 1) {
		series.forEach((name, si) => {
			const color = data.find((d) => (d.series ?? '') === name)?.color ?? '#999';
			const x = margin.left + si * 140;
			children.push(el('rect', { x, y: height - 14, width: 10, height: 10, fill: color }));
			children.push(el('text', { x: x + 14, y: height - 5, 'font-size': 11, fill: '#486581', 'font-family': FONT }, [name]));
		});
	}
	return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, 'data-chart': id }, children);
}

/** One horizontal bar split into segments (a distribution). Every segment is a rect with data-segment. */
export function stackedBar(id: string, title: string, data: BarDatum[], width = 520, height = 110): SvgNode {
	const margin = { left: 12, right: 12 };
	const total = data.reduce((s, d) => s + d.value, 0);
	const plotW = width - margin.left - margin.right;
	const children: SvgNode[] = [el('text', { x: margin.left, y: 16, 'font-size': 13, 'font-weight': 'bold', fill: '#102a43', 'font-family': FONT }, [title])];
	let x = margin.left;
	for (const d of data) {
		if (d.value <= 0 || total === 0) continue;
		const w = (d.value / total) * plotW;
		children.push(el('rect', { x, y: 28, width: w, height: 32, fill: d.color, 'data-segment': d.label }, [el('title', {}, [`${d.label}: ${d.display}`])]));
		if (w > 28) children.push(el('text', { x: x + w / 2, y: 49, 'text-anchor': 'middle', 'font-size': 12, fill: '#ffffff', 'font-weight': 'bold', 'font-family': FONT }, [String(d.value)]));
		x += w;
	}
	data.forEach((d, i) => {
		const lx = margin.left + i * 120;
		children.push(el('rect', { x: lx, y: 76, width: 10, height: 10, fill: d.color }));
		children.push(el('text', { x: lx + 14, y: 85, 'font-size': 11, fill: '#486581', 'font-family': FONT }, [`${d.label} · ${d.display}`]));
	});
	return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, 'data-chart': id }, children);
}
