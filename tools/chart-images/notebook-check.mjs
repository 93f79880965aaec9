// Opens a notebook in classic Jupyter Notebook with Debian's Chromium, runs every cell through the
// notebook's own menu, saves, reloads, and reports what the page showed; the Java test that starts
// the notebook server (NotebookBrowserIT) judges the report.
//
// Input on stdin: {"url": notebook page URL with its token, "screenshots": directory,
//                  "progressCell": index of the code cell whose display updates in place,
//                  "timeoutMs": how long the cells may run}.
// Output on stdout: {"run": {...}, "reload": {...}, "progress": {...}, "externalRequests": [...],
//                    "pageErrors": [...]}.
// Every request off the loopback is refused and listed: the page must need no network.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { url, screenshots, progressCell, timeoutMs } = JSON.parse(readFileSync(0, 'utf8'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// As in render.mjs: no background calls to Google's hosts; the sandbox cannot start as root.
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const externalRequests = [];
const pageErrors = [];
let plotlyRequests = 0;

const browser = await chromium.launch({ executablePath, args, timeout: 30_000 });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 2000 } });
  await page.route('**/*', route => {
    const requested = new URL(route.request().url());
    if (requested.hostname !== '127.0.0.1') {
      externalRequests.push(requested.href);
      return route.abort();
    }
    if (/\/kernelspecs\/[^/]+\/plotly(\.js)?$/.test(requested.pathname)) {
      plotlyRequests++;
    }
    return route.continue();
  });
  page.on('pageerror', error => pageErrors.push(String(error)));

  await page.goto(url);
  await notebookReady(page);
  const progress = await watchUntilAllCellsRan(page);
  const run = await charts(page);
  run.plotlyRequests = plotlyRequests;
  await page.screenshot({ path: join(screenshots, 'after-run-all.png'), fullPage: true });

  await page.click('#filelink');
  await page.click('#save_checkpoint');
  await page.waitForFunction(() => !Jupyter.notebook.dirty && !Jupyter.notebook._changing_not_trusted_state, null,
    { timeout: 30_000 });
  // Wait for the server's answer, not only the page's flag.
  await page.waitForFunction(() => /saved|Checkpoint/i.test(document.querySelector('#notification_notebook')?.textContent
    + document.querySelector('.autosave_status')?.textContent), null, { timeout: 30_000 }).catch(() => {});

  plotlyRequests = 0;
  await page.reload();
  await notebookReady(page);
  const reload = await charts(page);
  reload.plotlyRequests = plotlyRequests;
  reload.trusted = await page.evaluate(() => Jupyter.notebook.trusted);
  await page.screenshot({ path: join(screenshots, 'after-reload.png'), fullPage: true });

  process.stdout.write(JSON.stringify({ run, reload, progress, externalRequests, pageErrors }));
} finally {
  await browser.close();
}

async function notebookReady(page) {
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
    && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120_000 });
}

// Records every text the progress cell's output shows and how many output areas it has, from a
// MutationObserver on the page (sampling from here could miss a line shown for only 250 ms), until
// every code cell has run.
async function watchUntilAllCellsRan(page) {
  await page.evaluate(index => {
    const cell = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')[index];
    const output = cell.element[0].querySelector('.output');
    const seen = { texts: [], maxOutputAreas: 0 };
    const record = () => {
      const areas = output.querySelectorAll('.output_area');
      seen.maxOutputAreas = Math.max(seen.maxOutputAreas, areas.length);
      const text = Array.from(areas).map(a => a.innerText.trim()).join('\n');
      if (text && seen.texts[seen.texts.length - 1] !== text) {
        seen.texts.push(text);
      }
    };
    new MutationObserver(record).observe(output, { childList: true, subtree: true, characterData: true });
    window.__progressSeen = seen;
  }, progressCell);
  // The notebook's own menu, as a user would: Cell > Run All.
  await page.click('#celllink');
  await page.click('#run_all_cells');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await page.evaluate(() => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')
      .every(c => typeof c.input_prompt_number === 'number')
      && !document.querySelector('#kernel_indicator_icon.kernel_busy_icon'));
    if (done) {
      return page.evaluate(index => {
        const cell = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')[index];
        return { ...window.__progressSeen, finalOutputAreas: cell.element[0].querySelectorAll('.output_area').length };
      }, progressCell);
    }
    if (Date.now() > deadline) {
      const seen = await page.evaluate(() => window.__progressSeen.texts);
      throw new Error(`cells still running after ${timeoutMs} ms; progress seen: ${JSON.stringify(seen)}`);
    }
    await page.waitForTimeout(200);
  }
}

// The drawn charts: plotly.js draws asynchronously, so wait until every chart output has its SVG.
async function charts(page) {
  await page.waitForFunction(() => {
    const outputs = document.querySelectorAll('.perflab-figure');
    return outputs.length > 0
      && Array.from(outputs).every(o => o.querySelector('.main-svg') || o.querySelector('.perflab-figure-fallback'));
  }, null, { timeout: 60_000 }).catch(() => {});
  // Give a load that failed its chance to be seen as a failure rather than as slowness.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.perflab-figure'))
    .every(o => o.querySelector('.main-svg')), null, { timeout: 15_000 }).catch(() => {});
  return page.evaluate(() => ({
    figureOutputs: document.querySelectorAll('.perflab-figure').length,
    drawn: Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelector('.main-svg')).length,
    titles: Array.from(document.querySelectorAll('.js-plotly-plot .gtitle')).map(t => t.textContent),
    fallbackNotes: document.querySelectorAll('.perflab-figure-fallback').length
  }));
}
