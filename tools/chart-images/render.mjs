// Renders Plotly figures to PNG in headless Chromium, for notebooks committed with their outputs.
//
// Input on stdin: a JSON array of {"figure": {"data": [...], "layout": {...}}, "width": px, "height": px}.
// Output on stdout: a JSON array of base64 PNG strings, one per figure, in the same order.
// Chromium comes from the system (CHROMIUM, default /usr/bin/chromium; Debian's package `chromium`),
// plotly.js from this directory's node_modules (npm ci): nothing is fetched at run time.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const plotlyPath = require.resolve('plotly.js-dist-min');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which a closed
// network refuses; the sandbox cannot start as root.
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const requests = JSON.parse(readFileSync(0, 'utf8'));
const browser = await chromium.launch({ executablePath, args, timeout: 30_000 });
try {
  const page = await browser.newPage();
  // Block every request: the page needs nothing but the script added below.
  await page.route('**/*', route => route.abort());
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: readFileSync(plotlyPath, 'utf8') });
  const images = [];
  for (const { figure, width, height } of requests) {
    const dataUrl = await page.evaluate(async ({ figure, width, height }) => {
      const element = document.createElement('div');
      document.body.appendChild(element);
      try {
        await Plotly.newPlot(element, figure.data, figure.layout, { staticPlot: true });
        return await Plotly.toImage(element, { format: 'png', width, height });
      } finally {
        Plotly.purge(element);
        element.remove();
      }
    }, { figure, width, height });
    images.push(dataUrl.substring(dataUrl.indexOf(',') + 1));
  }
  process.stdout.write(JSON.stringify(images));
} finally {
  await browser.close();
}
