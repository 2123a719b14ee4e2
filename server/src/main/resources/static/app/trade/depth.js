// The depth chart: cumulative quantity on each side of the book, drawn on a canvas from the book model.
// Numbers become floats here only to place pixels.
import { h } from '../dom.js';
import * as fmt from '../format.js';

const LEVELS = 60;

export function depthPanel(market, model) {
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Depth chart' });
  const el = h('section', { class: 'panel depth', 'aria-labelledby': 'depth-title' },
    h('h2', { id: 'depth-title' }, 'Depth'), h('div', { class: 'depth-box' }, canvas));
  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  model.addEventListener('change', schedule);
  const resize = new ResizeObserver(schedule);
  resize.observe(canvas);

  function draw() {
    frame = 0;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const style = getComputedStyle(canvas);
    const buy = style.getPropertyValue('--buy').trim() || '#16c784';
    const sell = style.getPropertyValue('--sell').trim() || '#ea3943';
    const muted = style.getPropertyValue('--muted').trim() || '#8b949e';
    const bids = cumulate(model.sorted('bids').slice(0, LEVELS));
    const asks = cumulate(model.sorted('asks').slice(0, LEVELS));
    g.font = '11px system-ui, sans-serif';
    g.fillStyle = muted;
    if (!bids.length && !asks.length) {
      g.fillText('No orders in the book', 12, height / 2);
      canvas.setAttribute('aria-label', 'Depth chart: the book is empty');
      return;
    }
    const prices = [...bids, ...asks].map((p) => p.price);
    let lo = Math.min(...prices);
    let hi = Math.max(...prices);
    if (hi === lo) {
      lo -= 1;
      hi += 1;
    }
    const top = Math.max(bids.at(-1)?.sum || 0, asks.at(-1)?.sum || 0) * 1.1;
    const pad = 18;
    const x = (p) => ((p - lo) / (hi - lo)) * (width - 2) + 1;
    const y = (q) => height - pad - (q / top) * (height - pad - 6);
    area(g, bids, x, y, buy, height - pad, true);
    area(g, asks, x, y, sell, height - pad, false);
    g.fillStyle = muted;
    g.fillText(fmt.price(String(lo), market), 2, height - 4);
    const hiText = fmt.price(String(hi), market);
    g.fillText(hiText, width - g.measureText(hiText).width - 2, height - 4);
    canvas.setAttribute('aria-label', `Depth chart: ${bids.length} bid levels holding ${fmtQ(bids)} ${market.base_asset}, `
      + `${asks.length} ask levels holding ${fmtQ(asks)} ${market.base_asset}`);
  }

  function fmtQ(side) {
    return side.length ? fmt.quantity(String(side.at(-1).sum), market) : '0';
  }

  return {
    el,
    destroy() {
      model.removeEventListener('change', schedule);
      resize.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}

function cumulate(rows) {
  let sum = 0;
  return rows.map(([p, q]) => ({ price: Number(p), sum: (sum += Number(q)) }));
}

function area(g, points, x, y, color, base, bids) {
  if (!points.length) return;
  g.beginPath();
  g.moveTo(x(points[0].price), base);
  let prevY = base;
  for (const p of points) {
    g.lineTo(x(p.price), prevY);
    g.lineTo(x(p.price), y(p.sum));
    prevY = y(p.sum);
  }
  const edge = bids ? x(points.at(-1).price) : x(points.at(-1).price);
  g.lineTo(edge, base);
  g.closePath();
  g.globalAlpha = 0.25;
  g.fillStyle = color;
  g.fill();
  g.globalAlpha = 1;
  g.strokeStyle = color;
  g.lineWidth = 1.5;
  g.stroke();
}
