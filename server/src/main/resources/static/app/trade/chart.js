// Candles of one market with an interval switch (1m, 5m, 15m, 1h, 1d): the history from GET .../candles,
// the forming candle live from candles:SYMBOL:INTERVAL, and SMA / EMA / RSI overlays from .../indicators.
import { createChart, CandlestickSeries, HistogramSeries, LineSeries }
  from '/vendor/lightweight-charts-5.3.0/lightweight-charts.standalone.production.mjs';
import { markPainted, h } from '../dom.js';
import { placesOf } from '../decimal.js';

const INTERVALS = ['1m', '5m', '15m', '1h', '1d'];
const OVERLAYS = [
  { key: 'sma', label: 'SMA 20', period: 20, color: '#f0b90b' },
  { key: 'ema', label: 'EMA 50', period: 50, color: '#3b82f6' },
  { key: 'rsi', label: 'RSI 14', period: 14, color: '#c084fc' },
];
const HISTORY = 300;

export function chartPanel(ctx, market) {
  const box = h('div', { class: 'chart-box', role: 'img', 'aria-label': `Candlestick chart of ${market.symbol}` });
  const empty = h('p', { class: 'chart-empty', hidden: true }, 'No trades in this interval yet');
  const intervalButtons = INTERVALS.map((code) => h('button', {
    type: 'button', class: 'chip', 'data-interval': code, 'aria-pressed': 'false',
    onclick: () => switchTo(code),
  }, code));
  const overlayBoxes = OVERLAYS.map((o) => {
    const input = h('input', { type: 'checkbox', id: 'overlay-' + o.key, name: 'overlay-' + o.key, checked: o.key !== 'ema' });
    input.addEventListener('change', () => {
      visible[o.key] = input.checked;
      series[o.key].applyOptions({ visible: input.checked });
      loadIndicators();
    });
    return h('label', { class: 'check chip', for: 'overlay-' + o.key }, input, ' ', o.label);
  });
  const el = h('section', { class: 'panel chart', 'aria-labelledby': 'chart-title' },
    h('div', { class: 'panel-head' },
      h('h2', { id: 'chart-title' }, 'Chart'),
      h('div', { class: 'chips', role: 'group', 'aria-label': 'Candle interval' }, intervalButtons),
      h('div', { class: 'chips', role: 'group', 'aria-label': 'Indicators' }, overlayBoxes)),
    h('div', { class: 'chart-wrap' }, box, empty));

  const css = getComputedStyle(document.documentElement);
  const color = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  const chart = createChart(box, {
    autoSize: true,
    layout: {
      background: { color: color('--panel', '#151a21') },
      textColor: color('--muted', '#8b949e'),
      fontSize: 11,
      attributionLogo: false, // its inline <style> is refused by the CSP; the footer credits TradingView
      panes: { separatorColor: '#2a313c' },
    },
    grid: { vertLines: { color: '#1f252e' }, horzLines: { color: '#1f252e' } },
    timeScale: { timeVisible: true, secondsVisible: false, borderColor: '#2a313c', rightOffset: 6, barSpacing: 8 },
    rightPriceScale: { borderColor: '#2a313c' },
  });
  const places = placesOf(market.tick_size);
  const priceFormat = { type: 'price', precision: places, minMove: Number(market.tick_size) };
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: color('--buy', '#16c784'), downColor: color('--sell', '#ea3943'), borderVisible: false,
    wickUpColor: color('--buy', '#16c784'), wickDownColor: color('--sell', '#ea3943'), priceFormat,
  });
  const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: '#2f3b4a', lastValueVisible: false, priceLineVisible: false });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  const visible = { sma: true, ema: false, rsi: true };
  const series = {
    sma: chart.addSeries(LineSeries, { color: OVERLAYS[0].color, lineWidth: 1, priceFormat, lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false }),
    ema: chart.addSeries(LineSeries, { color: OVERLAYS[1].color, lineWidth: 1, priceFormat, visible: false, lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false }),
    rsi: chart.addSeries(LineSeries, { color: OVERLAYS[2].color, lineWidth: 1, priceFormat: { type: 'price', precision: 1, minMove: 0.1 }, priceLineVisible: false }, 1),
  };
  const panes = chart.panes();
  if (panes[1]) panes[1].setStretchFactor(0.25);

  let interval = '1m';
  let stop = null;
  let lastOpen = 0;
  let generation = 0;
  let indicatorTimer = null;
  let painted = false;

  function bar(c) {
    return { time: Date.parse(c.open_time) / 1000, open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close) };
  }

  function volumeBar(c) {
    const up = Number(c.close) >= Number(c.open);
    return { time: Date.parse(c.open_time) / 1000, value: Number(c.volume), color: up ? 'rgba(22,199,132,0.35)' : 'rgba(234,57,67,0.35)' };
  }

  async function switchTo(code) {
    interval = code;
    const mine = ++generation;
    for (const b of intervalButtons) b.setAttribute('aria-pressed', String(b.dataset.interval === code));
    el.dataset.interval = code;
    if (stop) stop();
    candles.setData([]);
    volume.setData([]);
    lastOpen = 0;
    const pending = [];
    stop = ctx.socket.subscribe(`candles:${market.symbol}:${code}`, (message) => {
      if (message.type === 'error' || !message.data) return;
      if (mine !== generation) return;
      if (lastOpen === 0) pending.push(message.data);
      else live(message.data);
    });
    try {
      const list = await ctx.api.request('GET', `/markets/${market.symbol}/candles`, { query: { interval: code, limit: HISTORY }, auth: false });
      if (mine !== generation) return;
      candles.setData(list.map(bar));
      volume.setData(list.map(volumeBar));
      lastOpen = list.length ? Date.parse(list.at(-1).open_time) : 1;
      empty.hidden = list.length > 0;
      chart.timeScale().scrollToRealTime();
      for (const c of pending.splice(0)) live(c);
      el.dataset.candles = String(list.length);
      if (!painted) {
        painted = true;
        markPainted('candles-painted');
      }
    } catch (e) {
      empty.hidden = false;
      empty.textContent = 'Candles are not available: ' + e.message;
    }
    loadIndicators();
  }

  function live(c) {
    const open = Date.parse(c.open_time);
    if (open < lastOpen) return;
    const newBar = open > lastOpen;
    lastOpen = open;
    candles.update(bar(c));
    volume.update(volumeBar(c));
    empty.hidden = true;
    if (newBar) loadIndicators();
  }

  async function loadIndicators() {
    clearTimeout(indicatorTimer);
    const mine = generation;
    const query = { interval, limit: HISTORY };
    for (const o of OVERLAYS) if (visible[o.key]) query[o.key] = o.period;
    if (Object.keys(query).length > 2) {
      try {
        const answer = await ctx.api.request('GET', `/markets/${market.symbol}/indicators`, { query, auth: false });
        if (mine !== generation) return;
        for (const o of OVERLAYS) {
          const line = answer[o.key];
          series[o.key].setData(line ? line.series.map((p) => ({ time: Date.parse(p.time) / 1000, value: Number(p.value) })) : []);
        }
      } catch (e) {
        // overlays stay as they were; the next candle tries again
      }
    }
    // the forming candle moves the latest values too: refresh them now and then
    indicatorTimer = setTimeout(loadIndicators, 15000);
  }

  const onReconnect = () => switchTo(interval);
  ctx.socket.addEventListener('reconnected', onReconnect);
  switchTo('1m');
  return {
    el,
    destroy() {
      ctx.socket.removeEventListener('reconnected', onReconnect);
      generation++;
      clearTimeout(indicatorTimer);
      if (stop) stop();
      chart.remove();
    },
  };
}
