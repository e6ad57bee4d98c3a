#!/usr/bin/env node
// attachments.mjs: attaching files to a release in a real browser (Debian's
// chromium driven by playwright-core), printed as TAP.
//
//   node tests/browser/attachments.mjs BASE_URL OUT_DIR FILES_DIR
//
// BASE_URL is a running stack (tests/lib/stack.sh), OUT_DIR receives the
// screenshots (attachments-*.png), FILES_DIR the files the test makes and
// uploads (a 3 x 2 PNG, a UTF-8 text with a French name, a text called
// x.pdf) and what it downloads.  The editor attaches two files at once to a
// draft, gives the picture a caption and a credit, finds both on the
// preview, downloads the text (same bytes) and opens the picture (inline),
// and has a file refused; once with JavaScript on (the upload goes through
// XMLHttpRequest with a progress bar) and once with it off (a plain form
// post).  Every browser action gives up after ACTION_MS, the whole run
// after TOTAL_MS.
import { chromium } from 'playwright-core';
import { diag, ok, is, like, show, finish, launchChromium } from './tap.mjs';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';

const ACTION_MS = 10000;
const TOTAL_MS = Number(process.env.ATTACH_TOTAL_MS || 80000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const [base, outArg, filesArg] = process.argv.slice(2);
if (!base || !outArg || !filesArg) {
	console.error('usage: node attachments.mjs BASE_URL OUT_DIR FILES_DIR');
	process.exit(2);
}
const BASE = base.replace(/\/+$/, '');
const OUT = path.resolve(outArg);
const FILES = path.resolve(filesArg);
mkdirSync(OUT, { recursive: true });
mkdirSync(FILES, { recursive: true });

// ---- The files --------------------------------------------------------------

// A PNG from first principles: signature, IHDR, one IDAT, IEND.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++)
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf)
		c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

// width x height, 8-bit RGB; each row starts with filter byte 0.
function png(width, height, pixel) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;	// bit depth
	ihdr[9] = 2;	// colour type: RGB
	const rows = [];
	for (let y = 0; y < height; y++) {
		rows.push(Buffer.from([0]));
		for (let x = 0; x < width; x++)
			rows.push(Buffer.from(pixel(x, y)));
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

const PNG_NAME = 'salle-de-presse.png';
const PNG_BYTES = png(3, 2, (x, y) => [[0xc0, 0x39, 0x2b], [0xff, 0xff, 0xff], [0x1f, 0x4e, 0x9d]][x].map((v) => v ^ (y * 0x20)));

const TXT_NAME = 'note de presse é.txt';
// More than 1000 bytes, so its size is given in kB; ’ « » — é à ç œ.
const TXT_BYTES = Buffer.from([
	'Note de presse — Bruxelles, le 26 novembre 2026',
	'',
	'Le Conseil des communes et régions d’Europe (CCRE) et le réseau des',
	'associations de pouvoirs locaux de l’Europe du Sud-Est (NALAS) ont signé',
	'aujourd’hui un protocole d’accord renforçant leur coopération.',
	'',
	'« Les collectivités territoriales sont au cœur de l’élargissement », a',
	'déclaré la présidente lors de la séance d’ouverture. Les deux réseaux',
	'échangeront leurs expériences sur la gouvernance locale, la transition',
	'énergétique, la coopération transfrontalière et l’accès aux fonds européens.',
	'',
	'Le programme de travail prévoit des ateliers à Sarajevo, Skopje et Tirana,',
	'un réseau d’élus « jeunes maires » et une publication commune, à paraître',
	'au printemps. Les associations membres seront consultées dès décembre.',
	'',
	'Çà et là, les participants ont souligné l’importance d’une démarche',
	'ascendante : ce sont les villes et les régions qui connaissent le mieux',
	'les besoins des citoyennes et des citoyens, à l’Est comme à l’Ouest.',
	'',
].join('\n'), 'utf8');

// Text content under a PDF's name: libmagic says text/plain, the name lies.
const BAD_NAME = 'x.pdf';
const BAD_BYTES = Buffer.from('Ceci n’est pas un PDF : juste du texte.\n', 'utf8');

const pngPath = path.join(FILES, PNG_NAME);
const txtPath = path.join(FILES, TXT_NAME);
const badPath = path.join(FILES, BAD_NAME);
writeFileSync(pngPath, PNG_BYTES);
writeFileSync(txtPath, TXT_BYTES);
writeFileSync(badPath, BAD_BYTES);

// attach_size_label(): bytes, then kB without decimals, then MB.
function sizeLabel(n) {
	if (n < 1000)
		return `${n} bytes`;
	if (n < 1000 * 1000)
		return `${Math.round(n / 1000)} kB`;
	return `${(n / 1e6).toFixed(1)} MB`;
}
const PNG_LABEL = sizeLabel(PNG_BYTES.length);
const TXT_LABEL = sizeLabel(TXT_BYTES.length);
diag(`${PNG_NAME}: ${PNG_BYTES.length} bytes (${PNG_LABEL}); ${TXT_NAME}: ${TXT_BYTES.length} bytes (${TXT_LABEL})`);

const CAPTION = 'La salle de presse avant la séance d’ouverture — « ensemble »';
const CREDIT = '© CCRE / Élodie Marchand, CC BY 4.0';

// ---- TAP (tap.mjs) and the browser's reports ---------------------------------

let stepName = 'start';
const consoleErrors = [];
const failedRequests = [];
const badResponses = [];
const dialogs = [];
const downloads = [];	// URLs the browser turned into downloads

async function step(name, fn) {
	const t0 = Date.now();
	stepName = name;
	try {
		await fn();
	} catch (e) {
		ok(false, `${name}: ran to the end`);
		diag(String(e && e.stack || e).split('\n').slice(0, 8).join('\n'));
	}
	diag(`${name}: ${Date.now() - t0} ms`);
}

function watch(context) {
	context.setDefaultTimeout(ACTION_MS);
	context.setDefaultNavigationTimeout(ACTION_MS);
	context.on('console', (m) => {
		if (m.type() === 'error')
			consoleErrors.push({ step: stepName, text: m.text(), page: m.page()?.url(),
				source: m.location()?.url });
	});
	context.on('weberror', (e) => consoleErrors.push({ step: stepName, text: 'uncaught: ' + e.error().message }));
	context.on('requestfailed', (r) => {
		// The browser drops the icon's request when the page moves on.
		if (r.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon\.svg$/.test(r.url()))
			return;
		failedRequests.push({ step: stepName, url: r.url(), why: r.failure()?.errorText,
			type: r.resourceType() });
	});
	context.on('response', (r) => {
		if (r.status() >= 400)
			badResponses.push({ step: stepName, url: r.url(), status: r.status(),
				type: r.request().resourceType() });
	});
	context.on('dialog', async (d) => {
		dialogs.push({ step: stepName, type: d.type(), message: d.message() });
		await d.dismiss().catch(() => {});
	});
	return context;
}

const watchdog = setTimeout(() => {
	ok(false, `the attachments run finished within ${TOTAL_MS / 1000} s (stopped in step "${stepName}")`);
	finish();
	process.exit(1);
}, TOTAL_MS);

const t0 = Date.now();
const browser = await launchChromium(chromium, CHROMIUM, () => clearTimeout(watchdog));

const url = (p) => BASE + p;
const shot = (pg, name, opts = {}) => pg.screenshot({ path: path.join(OUT, `attachments-${name}.png`), ...opts });

async function notice(pg) {
	const el = pg.locator('main p.notice');
	return (await el.count()) ? (await el.first().textContent()).trim() : '(no notice)';
}

async function h1(pg) {
	return ((await pg.locator('main h1').first().textContent()) || '').trim();
}

// Click a submit button, wait for the page the form leads to; the POST's status.
async function submit(pg, button) {
	const loaded = pg.waitForEvent('load');
	const resp = pg.waitForResponse((r) => r.request().method() === 'POST');
	await button.click();
	const r = await resp;
	await loaded;
	return r.status();
}

async function signIn(pg) {
	await pg.goto(url('/auth/login'));
	await pg.fill('#user', 'editor');
	await pg.fill('#password', 'press-editor');
	await submit(pg, pg.locator('form button', { hasText: 'Sign in' }));
	is(new URL(pg.url()).pathname, '/staff/', `${stepName}. the editor signs in and lands on /staff/`);
}

// The attachments of the edit page, in order: link, name, words, aid.
async function editList(pg) {
	const items = pg.locator('#attachments ol.attachment-list > li');
	const out = [];
	for (let i = 0; i < await items.count(); i++) {
		const li = items.nth(i);
		const a = li.locator('p.attachment-name a');
		const href = await a.getAttribute('href');
		out.push({
			li,
			name: (await a.textContent()).trim(),
			href,
			aid: (href.match(/^\/files\/[^/]+\/([0-9a-f]+)\//) || [])[1],
			words: (await li.locator('p.attachment-name small').textContent()).trim(),
		});
	}
	return out;
}

// The whole visit, in one browser context; js says whether scripts run.
async function visit(ctx, tag, js, releaseId) {
	const P = (s) => `${tag}. ${s}`;
	const page = await ctx.newPage();
	const edit = url(`/staff/edit/${releaseId}`);
	let png = null, txt = null;

	await step(`${tag}-upload`, async () => {
		await page.goto(edit);
		is(await h1(page), 'Edit release', P('the draft\'s edit page opens'));
		is(await page.locator('#attachments ol.attachment-list > li').count(), 0, P('the draft has no attachment yet'));
		ok(await page.locator('form.upload-form input#files[type=file][multiple]').count() === 1,
			P('the upload form has a multiple file input, id "files"'));
		await page.setInputFiles('#files', [pngPath, txtPath]);
		is(await page.evaluate(() => [...document.getElementById('files').files].map((f) => f.name).join('|')),
			`${PNG_NAME}|${TXT_NAME}`, P('both files are chosen at once'));
		const button = page.locator('form.upload-form button[type=submit]', { hasText: 'Upload' });
		const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/upload\/release\//.test(r.url()));
		if (js) {
			// What the progress bar and the status line did, kept across the
			// navigation that follows the upload.
			await page.evaluate(() => {
				const bar = document.querySelector('form.upload-form .upload-progress');
				const status = document.querySelector('form.upload-form .upload-status');
				const seen = { shown: false, max: 0, status: [] };
				const save = () => sessionStorage.setItem('upload-seen', JSON.stringify(seen));
				new MutationObserver(() => {
					if (!bar.hidden)
						seen.shown = true;
					seen.max = Math.max(seen.max, Number(bar.value));
					save();
				}).observe(bar, { attributes: true });
				new MutationObserver(() => {
					seen.status.push(status.textContent);
					save();
				}).observe(status, { childList: true, characterData: true, subtree: true });
				save();
			});
			const landed = page.waitForURL((u) => u.pathname === `/staff/edit/${releaseId}` &&
				u.searchParams.get('m') === 'uploaded', { waitUntil: 'load' });
			await button.click();
			const req = await posted;
			is(req.resourceType(), 'xhr', P('with JavaScript the upload is sent by XMLHttpRequest'));
			await landed;
			const seen = JSON.parse(await page.evaluate(() => sessionStorage.getItem('upload-seen')) || '{}');
			diag(P(`progress seen: ${show(seen)}`));
			ok(seen.status && seen.status.includes('Uploading…'), P('the status line said "Uploading…"'));
			ok(seen.shown === true && seen.max === 100, P(`the progress bar was shown and reached 100 (max ${seen.max})`));
		} else {
			const status = await submit(page, button);
			const req = await posted;
			is(req.resourceType(), 'document', P('without JavaScript the upload is a plain form post'));
			is(status, 303, P('the upload answers 303'));
			const u = new URL(page.url());
			ok(u.pathname === `/staff/edit/${releaseId}` && u.searchParams.get('m') === 'uploaded',
				P(`it leads back to the edit page (${u.pathname}${u.search})`));
		}
		is(await notice(page), 'The files are attached.', P('the page says "The files are attached."'));
		// The server sends the editor back to /staff/edit/ID?m=uploaded#attachments:
		// the list just changed, below a long form.
		const at = await page.evaluate(() => {
			const r = document.getElementById('attachments').getBoundingClientRect();
			return { hash: location.hash, top: Math.round(r.top), inView: r.top < innerHeight && r.bottom > 0 };
		});
		ok(at.inView, P(`the page opens at the Attachments section (hash "${at.hash}", section top at ${at.top} px of 800)`));
		await shot(page, `${tag}-landed`);
		const list = await editList(page);
		is(list.length, 2, P('the edit page lists two attachments'));
		is(list.map((a) => a.name).join(' | '), `${PNG_NAME} | ${TXT_NAME}`,
			P('the names are exact, in the order chosen'));
		[png, txt] = list;
		if (png) {
			is(png.words, `PNG image, ${PNG_LABEL}, 3 × 2 px`, P('the PNG is described as "PNG image", its size and "3 × 2 px"'));
			is(png.href, `/files/${releaseId}/${png.aid}/${PNG_NAME.toLowerCase()}`, P('the PNG\'s link is /files/ID/AID/NAME'));
		}
		if (txt) {
			is(txt.words, `plain text, ${TXT_LABEL}`, P('the text is described as "plain text" and its size'));
			const back = (txt.href.match(/[^/]+$/) || [''])[0];
			is(back, 'note-de-presse-e.txt', P('the text\'s link ends with its name transliterated (é → e, spaces → -)'));
		}
		await shot(page, `${tag}-uploaded`, { fullPage: true });
	});

	await step(`${tag}-caption`, async () => {
		if (!png)
			throw new Error('no PNG listed');
		await page.fill(`#caption-${png.aid}`, CAPTION);
		await page.fill(`#credit-${png.aid}`, CREDIT);
		const status = await submit(page, png.li.locator('form.attachment-form button[name=op][value=save]'));
		is(status, 303, P('saving the caption and credit answers 303'));
		is(await notice(page), 'The attachment is updated.', P('the page says "The attachment is updated."'));
		is(await page.inputValue(`#caption-${png.aid}`), CAPTION, P('the caption is stored as typed'));
		is(await page.inputValue(`#credit-${png.aid}`), CREDIT, P('the credit is stored as typed'));
		is(await page.inputValue(`#caption-${txt.aid}`), '', P('the text file has no caption'));
		const list = await editList(page);
		is(list.map((a) => a.aid).join(' '), `${png.aid} ${txt.aid}`, P('the attachments keep their ids and order'));
	});

	await step(`${tag}-preview`, async () => {
		await page.goto(url(`/staff/preview/${releaseId}`), { waitUntil: 'load' });
		await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
		const items = page.locator('article.release section.attachments li');
		is(await items.count(), 2, P('the preview lists two attachments'));
		is((await items.locator('a').allTextContents()).join(' | '), `${PNG_NAME} | ${TXT_NAME}`,
			P('the preview names both files exactly'));
		const first = items.nth(0), second = items.nth(1);
		is((await first.locator('small').first().textContent()).trim(), `(PNG image, ${PNG_LABEL}, 3 × 2 px)`,
			P('the preview describes the PNG'));
		is(await first.locator('.caption').textContent(), CAPTION, P('the preview shows the caption'));
		is(await first.locator('.credit').textContent(), CREDIT, P('the preview shows the credit'));
		is((await second.locator('small').first().textContent()).trim(), `(plain text, ${TXT_LABEL})`,
			P('the preview describes the text'));
		is(await second.locator('.caption, .credit').count(), 0, P('the text shows no caption or credit'));
		const kit = page.locator('article.release section.attachments a', { hasText: 'Download everything (ZIP)' });
		is(await kit.getAttribute('href'), `/kit/${releaseId}`, P('the preview offers the ZIP media kit'));
		await shot(page, `${tag}-preview`, { fullPage: true });
		await page.locator('article.release section.attachments').screenshot({
			path: path.join(OUT, `attachments-${tag}-preview-list.png`) });
	});

	await step(`${tag}-download`, async () => {
		const link = page.locator('article.release section.attachments a', { hasText: TXT_NAME });
		const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
		downloads.push(dl.url());
		is(dl.suggestedFilename(), TXT_NAME, P('the download is offered under the file\'s own name'));
		const saved = path.join(FILES, `downloaded-${tag}.txt`);
		await dl.saveAs(saved);
		const got = readFileSync(saved);
		if (!ok(got.equals(TXT_BYTES), P(`the downloaded text has the uploaded bytes (${got.length} of ${TXT_BYTES.length})`))) {
			let i = 0;
			while (i < got.length && i < TXT_BYTES.length && got[i] === TXT_BYTES[i])
				i++;
			diag(`first differing byte at offset ${i}`);
		}
		is(new URL(page.url()).pathname, `/staff/preview/${releaseId}`, P('the preview stays open'));
	});

	await step(`${tag}-inline`, async () => {
		const link = page.locator('article.release section.attachments a', { hasText: PNG_NAME });
		const href = await link.getAttribute('href');
		const [resp] = await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === href),
			link.click(),
		]);
		await page.waitForLoadState('load');
		is(resp.status(), 200, P('the PNG answers 200'));
		const h = await resp.allHeaders();
		is(h['content-type'], 'image/png', P('the PNG is served as image/png'));
		like(h['content-disposition'] || '', 'inline', P(`the PNG opens inline (${h['content-disposition']})`));
		ok(/^inline;/.test(h['content-disposition'] || ''), P('Content-Disposition starts with "inline;"'));
		ok((await resp.body()).equals(PNG_BYTES), P('the PNG\'s bytes are the uploaded bytes'));
		is(new URL(page.url()).pathname, href, P('the browser shows the PNG itself'));
		const size = await page.evaluate(() => {
			const img = document.querySelector('img');
			return img ? `${img.naturalWidth}x${img.naturalHeight}` : 'no image';
		});
		is(size, '3x2', P('the browser decodes a 3 × 2 picture'));
		// 3 x 2 pixels are one dot on the screenshot: enlarge them.
		await page.evaluate(() => {
			const img = document.querySelector('img');
			if (img)
				Object.assign(img.style, { width: '300px', height: '200px', imageRendering: 'pixelated' });
		});
		await shot(page, `${tag}-inline`);
	});

	await step(`${tag}-refused`, async () => {
		await page.goto(edit);
		await page.setInputFiles('#files', badPath);
		const button = page.locator('form.upload-form button[type=submit]', { hasText: 'Upload' });
		const want = 'Nothing was attached: some files cannot be accepted.';
		const why = 'The end of the file\'s name does not match what the file really is.';
		if (js) {
			const resp = page.waitForResponse((r) => r.request().method() === 'POST');
			await button.click();
			is((await resp).status(), 422, P('the refused upload answers 422'));
			const status = page.locator('form.upload-form .upload-status');
			await page.waitForFunction(() => {
				const s = document.querySelector('form.upload-form .upload-status');
				return s && s.textContent !== '' && s.textContent !== 'Uploading…';
			});
			const text = await status.textContent();
			like(text, want, P('the status line gives the refusal'));
			like(text, `${BAD_NAME}:`, P(`the status line names ${BAD_NAME}`));
			like(text, why, P('the status line says the name does not match the content'));
			is(await page.locator('form.upload-form .upload-progress').isHidden(), true, P('the progress bar is hidden again'));
			is(new URL(page.url()).pathname, `/staff/edit/${releaseId}`, P('the editor stays on the edit page'));
			await shot(page, `${tag}-refused`, { fullPage: true });
			await page.goto(edit);
		} else {
			const status = await submit(page, button);
			is(status, 422, P('the refused upload answers 422'));
			is(await h1(page), 'Files not attached', P('the page is "Files not attached"'));
			like(await page.locator('main p.error').first().textContent(), want, P('the page gives the refusal'));
			const problems = await page.locator('main ul.problems li').allInnerTexts();
			is(problems.length, 1, P('one file is listed as refused'));
			like(problems[0] || '', `${BAD_NAME}: ${why}`, P(`the refusal names ${BAD_NAME} and says why`));
			like(problems[0] || '', '(The file is: plain text.)', P('the refusal says what the file really is'));
			await shot(page, `${tag}-refused`, { fullPage: true });
			await page.locator('main a', { hasText: 'Back to the release' }).click();
			await page.waitForLoadState('load');
		}
		const list = await editList(page);
		is(list.map((a) => a.name).join(' | '), `${PNG_NAME} | ${TXT_NAME}`, P(`nothing was attached: still the two files, no ${BAD_NAME}`));
	});

	await page.close();
}

// The seed draft, from the editor's list.
async function seedId(pg) {
	await pg.goto(url('/staff/'));
	const href = await pg.locator('table.releases a[href^="/staff/edit/"]').first().getAttribute('href');
	return href.replace('/staff/edit/', '');
}

// ---- With JavaScript: the seed draft -----------------------------------------

const withJs = watch(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
let seed = null;
await step('js-signin', async () => {
	const pg = await withJs.newPage();
	await signIn(pg);
	seed = await seedId(pg);
	ok(/^[0-9a-z-]+$/.test(seed), `js-signin. the seed draft is on "My releases" (${seed})`);
	ok(await pg.evaluate(() => typeof window.FormData === 'function'), 'js-signin. scripts run in this context');
	await pg.close();
});
if (seed)
	await visit(withJs, 'js', true, seed);
await withJs.close();

// ---- Without JavaScript: a new draft -----------------------------------------

const noJs = watch(await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } }));
let draft = null;
await step('nojs-signin', async () => {
	const pg = await noJs.newPage();
	await signIn(pg);
	await pg.goto(url('/staff/new'));
	is(await pg.locator('.counter').count(), 0, 'nojs-signin. no script runs (no byte counters)');
	await pg.fill('#title', 'Pièces jointes sans JavaScript');
	await pg.fill('#lead', 'Un communiqué pour joindre des fichiers sans JavaScript.');
	await submit(pg, pg.locator('button[name=action][value=save]'));
	is(await notice(pg), 'Draft created.', 'nojs-signin. a new draft is created');
	draft = (new URL(pg.url()).pathname.match(/^\/staff\/edit\/([^/]+)$/) || [])[1] || null;
	ok(draft !== null, `nojs-signin. the draft has an id (${draft})`);
	await pg.close();
});
if (draft)
	await visit(noJs, 'nojs', false, draft);
await noJs.close();

// ---- Nothing went wrong on the way ---------------------------------------------

stepName = 'end';
// The refused uploads answer 422 on purpose: with JavaScript the browser
// also logs the XMLHttpRequest's status as a console error.
const refusal = (e) => /-refused$/.test(e.step) && e.status === 422;
const unexpected = badResponses.filter((r) => !refusal(r));
for (const r of badResponses.filter(refusal))
	diag(`expected error status (${r.step}): ${r.status} ${r.type} ${r.url}`);
if (!is(unexpected.length, 0, 'no unexpected error status'))
	diag(show(unexpected));
// A navigation that becomes a download ends, for the browser, as an aborted
// document request: that is how chromium reports every download.
const wasDownload = (r) => r.why === 'net::ERR_ABORTED' && r.type === 'document' && downloads.includes(r.url);
for (const r of failedRequests.filter(wasDownload))
	diag(`expected aborted navigation (${r.step}, became a download): ${r.url}`);
const failed = failedRequests.filter((r) => !wasDownload(r));
if (!is(failed.length, 0, 'no request failed'))
	diag(show(failed));
const expectedConsole = (e) => /-refused$/.test(e.step) && /status of 422/.test(e.text);
for (const e of consoleErrors.filter(expectedConsole))
	diag(`expected console message (${e.step}): ${e.text}`);
const errs = consoleErrors.filter((e) => !expectedConsole(e));
if (!is(errs.length, 0, 'no console error'))
	diag(show(errs));
if (!is(dialogs.length, 0, 'no dialog opened'))
	diag(show(dialogs));

await browser.close().catch(() => {});
clearTimeout(watchdog);
diag(`attachments: ${Date.now() - t0} ms`);
finish();
