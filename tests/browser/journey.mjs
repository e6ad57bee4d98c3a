#!/usr/bin/env node
// journey.mjs: a staff member's journey through the press room in a real
// browser (Debian's chromium driven by playwright-core), printed as TAP.
//
//   node tests/browser/journey.mjs BASE_URL OUT_DIR
//
// BASE_URL is a running stack (tests/lib/stack.sh), OUT_DIR receives the
// screenshots.  Each check prints "ok N - ..." or "not ok N - ...", the plan
// "1..N" comes last, and the exit status is 1 when any check failed.  Every
// browser action gives up after ACTION_MS, the whole journey after TOTAL_MS.
import { chromium } from 'playwright-core';
import { diag, ok, is, like, unlike, sameBytes, show, finish, launchChromium } from './tap.mjs';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ACTION_MS = 10000;
const TOTAL_MS = Number(process.env.JOURNEY_TOTAL_MS || 80000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const [base, outArg] = process.argv.slice(2);
if (!base || !outArg) {
	console.error('usage: node journey.mjs BASE_URL OUT_DIR');
	process.exit(2);
}
const BASE = base.replace(/\/+$/, '');
const OUT = path.resolve(outArg);
mkdirSync(OUT, { recursive: true });

// ---- TAP (tap.mjs) ----

// A step that throws (a timeout, a missing element) is one failed check;
// the journey goes on with the next step.
async function step(name, fn) {
	const t0 = Date.now();
	try {
		await fn();
	} catch (e) {
		ok(false, `${name}: ran to the end`);
		diag(String(e && e.stack || e).split('\n').slice(0, 8).join('\n'));
	}
	diag(`${name}: ${Date.now() - t0} ms`);
}

// ---- The seed release, from the fixture's bytes ----------------------------

const here = path.dirname(fileURLToPath(import.meta.url));
const raw = readFileSync(path.join(here, '..', 'fixtures', 'ccre-nalas-2026-fr.txt'));
const utf8 = new TextDecoder('utf-8', { fatal: true });

// Split the raw bytes at LF, so the expected bytes never go through a decoder.
const rawLines = [];
for (let start = 0; ;) {
	const nl = raw.indexOf(0x0a, start);
	if (nl < 0) {
		rawLines.push({ start, bytes: raw.subarray(start) });
		break;
	}
	rawLines.push({ start, bytes: raw.subarray(start, nl) });
	start = nl + 1;
}
const LF2 = Buffer.from('\n\n');
const contactsMark = Buffer.from('Pour plus d’informations, contactez :', 'utf8');
const contactsLine = rawLines.findIndex((l) => l.bytes.subarray(0, contactsMark.length).equals(contactsMark));
if (contactsLine < 0) {
	console.log('1..0 # SKIP fixture has no contacts line');
	process.exit(1);
}
const bodyParts = rawLines.slice(2, 7).map((l) => l.bytes).filter((b) => b.length > 0);
const SEED = {
	titleBytes: rawLines[0].bytes,
	leadBytes: rawLines[1].bytes,
	bodyBytes: Buffer.concat(bodyParts.flatMap((b, i) => (i ? [LF2, b] : [b]))),
	contactsBytes: raw.subarray(rawLines[contactsLine].start),
};
SEED.title = utf8.decode(SEED.titleBytes);
SEED.lead = utf8.decode(SEED.leadBytes);
SEED.body = utf8.decode(SEED.bodyBytes);
SEED.paragraphs = bodyParts.map((b) => utf8.decode(b));
SEED.contacts = utf8.decode(SEED.contactsBytes);
SEED.lang = 'fr';
SEED.city = 'Bruxelles';
SEED.date = '2026-11-26';
SEED.topics = 'coopération, Balkans';

// ---- The browser ----------------------------------------------------------

// Everything the pages say or fail to load, with the step it happened in.
let stepName = 'start';
const consoleErrors = [];
const failedRequests = [];
const badResponses = [];
const dialogs = [];

function watch(context) {
	context.setDefaultTimeout(ACTION_MS);
	context.setDefaultNavigationTimeout(ACTION_MS);
	context.on('console', (m) => {
		if (m.type() === 'error')
			consoleErrors.push({ step: stepName, text: m.text(), page: m.page()?.url(),
				source: m.location()?.url });
	});
	context.on('weberror', (e) => consoleErrors.push({ step: stepName, text: 'uncaught: ' + e.error().message }));
	// The browser drops the icon's request when the page moves on: that
	// is not a failure of the site.
	context.on('requestfailed', (r) => {
		if (r.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon\.svg$/.test(r.url()))
			return;
		failedRequests.push({ step: stepName, url: r.url(), why: r.failure()?.errorText });
	});
	context.on('response', (r) => {
		if (r.status() >= 400)
			badResponses.push({ step: stepName, url: r.url(), status: r.status(),
				type: r.request().resourceType() });
	});
	context.on('dialog', async (d) => {
		dialogs.push({ step: stepName, type: d.type(), message: d.message() });
		// A page that waits for an answer would hang the journey.
		await d.dismiss().catch(() => {});
	});
	return context;
}

const watchdog = setTimeout(() => {
	ok(false, `the journey finished within ${TOTAL_MS / 1000} s (stopped in step "${stepName}")`);
	finish();
	process.exit(1);
}, TOTAL_MS);

const t0 = Date.now();
const browser = await launchChromium(chromium, CHROMIUM, () => clearTimeout(watchdog));

const desktop = watch(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
const page = await desktop.newPage();

const url = (p) => BASE + p;
const shot = (pg, name, opts = {}) => pg.screenshot({ path: path.join(OUT, name), ...opts });

async function notice(pg) {
	const el = pg.locator('main p.notice');
	return (await el.count()) ? (await el.first().textContent()).trim() : '(no notice)';
}

async function h1(pg) {
	return ((await pg.locator('main h1').first().textContent()) || '').trim();
}

// Click a submit button and wait until the page the form leads to has
// loaded; returns the status of the POST's response (a redirect: 302/303).
async function submit(pg, button) {
	const loaded = pg.waitForEvent('load');
	const resp = pg.waitForResponse((r) => r.request().method() === 'POST');
	await button.click();
	const r = await resp;
	await loaded;
	return r.status();
}

// Sign in through the form like a user: type, Tab, type, Enter.
async function signIn(pg, user, password) {
	await pg.goto(url('/auth/login'));
	await pg.locator('#user').click();
	await pg.keyboard.type(user);
	await pg.keyboard.press('Tab');
	await pg.keyboard.type(password);
	await Promise.all([pg.waitForURL((u) => !u.pathname.startsWith('/auth/')), pg.keyboard.press('Enter')]);
	await pg.waitForLoadState('load');
}

async function fillRelease(pg, r) {
	await pg.fill('#title', r.title);
	if (r.subtitle !== undefined)
		await pg.fill('#subtitle', r.subtitle);
	if (r.lang !== undefined)
		await pg.selectOption('#lang', r.lang);
	if (r.city !== undefined)
		await pg.fill('#city', r.city);
	if (r.date !== undefined)
		await pg.fill('#date', r.date);
	await pg.fill('#lead', r.lead);
	if (r.body !== undefined)
		await pg.fill('#body', r.body);
	if (r.topics !== undefined)
		await pg.fill('#topics', r.topics);
	if (r.contacts !== undefined)
		await pg.fill('#contacts', r.contacts);
}

const saveButton = (pg) => pg.locator('button[name=action][value=save]');
let draftId = null;

// a. Sign in with the keyboard.
await step('a. sign in', async () => {
	stepName = 'a';
	await signIn(page, 'editor', 'press-editor');
	is(new URL(page.url()).pathname, '/staff/', 'a. signing in as editor lands on /staff/');
	is(await h1(page), 'My releases', 'a. the page is "My releases"');
	like(await page.locator('header.top .who').textContent(), 'editor', 'a. the header names the signed-in user');
	// header.html has {{page_title}} for this; every page is titled only with the site name.
	like(await page.title(), 'My releases', 'a. the browser tab title names the page ("My releases")');
	// Browsers ask every site for /favicon.ico; a 404 is a console error on the first page.
	const fav = await page.request.get(url('/favicon.ico'));
	ok(fav.status() < 400, `a. /favicon.ico does not fail (status ${fav.status()})`);
});

// b. A new release, field by field, saved as a draft.
await step('b. new release', async () => {
	stepName = 'b';
	await page.locator('main a.button', { hasText: 'New release' }).click();
	await page.waitForURL(url('/staff/new'));
	is(await h1(page), 'New release', 'b. "New release" opens the empty release form');
	ok(await page.locator('.counter').count() > 0, 'b. pressroom.js ran (byte counters beside the fields)');
	await fillRelease(page, SEED);
	const status = await submit(page, saveButton(page));
	ok(status === 302 || status === 303, `b. the save answers with a redirect (status ${status})`);
	const u = new URL(page.url());
	const m = u.pathname.match(/^\/staff\/edit\/([^/]+)$/);
	ok(m && u.searchParams.get('m') === 'created', `b. "Save draft" leads to /staff/edit/ID?m=created (${u.pathname}${u.search})`);
	draftId = m ? m[1] : null;
	is(await notice(page), 'Draft created.', 'b. the page says "Draft created."');
});

// c. What was stored is what was typed, to the byte.
async function checkStored(pg, prefix) {
	is(await pg.inputValue('#title'), SEED.title, `${prefix} title is the seed title`);
	is(await pg.inputValue('#subtitle'), '', `${prefix} subtitle is empty`);
	is(await pg.inputValue('#lang'), 'fr', `${prefix} language is fr`);
	is(await pg.inputValue('#city'), SEED.city, `${prefix} city is Bruxelles`);
	is(await pg.inputValue('#date'), SEED.date, `${prefix} date is ${SEED.date}`);
	is(await pg.inputValue('#topics'), SEED.topics, `${prefix} topics are "${SEED.topics}"`);
	is(await pg.inputValue('#translation_of'), '', `${prefix} "translation of" is unset`);
	const lead = await pg.inputValue('#lead');
	const body = await pg.inputValue('#body');
	const contacts = await pg.inputValue('#contacts');
	is(lead, SEED.lead, `${prefix} lead is the seed lead`);
	is(body, SEED.body, `${prefix} body is the seed body`);
	is(contacts, SEED.contacts, `${prefix} contacts are the seed contacts`);
	sameBytes(await pg.inputValue('#title'), SEED.titleBytes, `${prefix} title has the fixture's bytes`);
	sameBytes(lead, SEED.leadBytes, `${prefix} lead has the fixture's bytes`);
	sameBytes(body, SEED.bodyBytes, `${prefix} body has the fixture's bytes`);
	sameBytes(contacts, SEED.contactsBytes, `${prefix} contacts have the fixture's bytes (blank line, no final newline)`);
}

await step('c. stored text', async () => {
	stepName = 'c';
	if (!draftId)
		throw new Error('no draft from step b');
	await page.goto(url(`/staff/edit/${draftId}`));
	is(await h1(page), 'Edit release', 'c. the edit page opens');
	like(await page.locator('p.meta').textContent(), 'draft', 'c. the release is a draft');
	await checkStored(page, 'c. after a reload the');
});

// d. The preview is the public rendering, with nothing broken.
await step('d. preview', async () => {
	stepName = 'd';
	if (!draftId)
		throw new Error('no draft from step b');
	const ce = consoleErrors.length, fr = failedRequests.length, br = badResponses.length;
	await page.goto(url(`/staff/preview/${draftId}`), { waitUntil: 'load' });
	await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
	is(await page.locator('article.release h1.release-title').textContent(), SEED.title,
		'd. the preview title is line 1 of the seed');
	const lead = await page.locator('article.release .lead').innerText();
	is(lead.trim(), SEED.lead, 'd. the preview lead is the seed lead, ’ and é intact');
	const paras = await page.locator('article.release .body p').allInnerTexts();
	is(paras.length, SEED.paragraphs.length, `d. the body has ${SEED.paragraphs.length} paragraphs`);
	is(paras[0], SEED.paragraphs[0], 'd. the first body paragraph is the seed text');
	is(paras[2], SEED.paragraphs[2], 'd. the third body paragraph is the seed text');
	like(paras.join('\n'), 'communes, régions et à leurs associations — en particulier',
		'd. the body keeps the em dash and accents');
	const contacts = await page.locator('article.release .contacts').innerText();
	like(contacts, 'Pour plus d’informations, contactez :', 'd. the contacts block opens with its first line');
	like(contacts, 'Directeur – Projets et programmes', 'd. the contacts block keeps the en dash');
	like(await page.locator('article.release .dateline').innerText(), 'Bruxelles', 'd. the dateline names the city');
	is(await page.locator('article.release ul.topics').count(), 1, 'd. the topics list appears once');
	is((await page.locator('article.release ul.topics').first().locator('li').allInnerTexts()).join('|'),
		'coopération|Balkans', 'd. the topics are listed one by one');
	const errs = consoleErrors.slice(ce);
	if (!is(errs.length, 0, 'd. the preview logs no console error'))
		diag(show(errs));
	const fails = failedRequests.slice(fr);
	if (!is(fails.length, 0, 'd. no request of the preview failed'))
		diag(show(fails));
	const bad = badResponses.slice(br);
	if (!is(bad.length, 0, 'd. no request of the preview got an error status'))
		diag(show(bad));
});

// e. Screenshots: the form and the preview on a desktop, the form on a phone.
await step('e. screenshots', async () => {
	stepName = 'e';
	if (!draftId)
		throw new Error('no draft from step b');
	await shot(page, 'preview.png', { fullPage: true });
	await page.goto(url(`/staff/edit/${draftId}`));
	await shot(page, 'edit-form.png', { fullPage: true });
	ok(true, 'e. desktop screenshots of the form and the preview taken');

	const phone = watch(await browser.newContext({
		viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
		storageState: await desktop.storageState(),
	}));
	try {
		const p = await phone.newPage();
		await p.goto(url(`/staff/edit/${draftId}`));
		await shot(p, 'edit-form-phone.png');
		await shot(p, 'edit-form-phone-full.png', { fullPage: true });
		const width = await p.evaluate(() => document.documentElement.scrollWidth);
		ok(width <= 390, `e. the form fits a 390 px phone without sideways scrolling (${width} px)`);
		const narrow = await p.evaluate(() => [...document.querySelectorAll('form.release-form label')]
			.filter((l) => l.getBoundingClientRect().width < 1 || l.getBoundingClientRect().right > 390)
			.map((l) => l.textContent.trim()));
		is(narrow.join(', '), '', 'e. every form label is visible within the phone width');
		await p.goto(url('/staff/'));
		await shot(p, 'list-phone.png', { fullPage: true });
		const lw = await p.evaluate(() => document.documentElement.scrollWidth);
		ok(lw <= 390, `e. "My releases" fits a 390 px phone (${lw} px)`);
	} finally {
		await phone.close();
	}
});

// f. Two tabs on one draft: the second save is refused, nothing is lost.
await step('f. two tabs', async () => {
	stepName = 'f';
	if (!draftId)
		throw new Error('no draft from step b');
	const edit = url(`/staff/edit/${draftId}`);
	const tab1 = page;
	const tab2 = await desktop.newPage();
	try {
		await tab1.goto(edit);
		await tab2.goto(edit);
		const title1 = 'Rencontre CCRE–NALAS : une coopération renforcée';
		const lead2 = 'Texte saisi dans l’onglet 2 — à garder, même si l’enregistrement est refusé.';
		await tab1.fill('#title', title1);
		const s1 = await submit(tab1, saveButton(tab1));
		ok(s1 === 302 || s1 === 303, `f. tab 1's save is accepted (status ${s1})`);
		is(await notice(tab1), 'Saved.', 'f. tab 1 says "Saved."');

		await tab2.fill('#lead', lead2);
		const s2 = await submit(tab2, saveButton(tab2));
		is(s2, 409, 'f. tab 2\'s save, based on an older revision, answers 409');
		like(await tab2.locator('#form-error').textContent().catch(() => ''),
			'Someone else saved this release after you opened it',
			'f. tab 2 shows the "Someone else saved" message');
		ok(await tab2.locator('main a', { hasText: 'Open the current version' }).count() === 1,
			'f. tab 2 offers "Open the current version"');
		is(await tab2.inputValue('#lead'), lead2, 'f. the lead typed in tab 2 is still in the textarea');
		is(await tab2.inputValue('#title'), SEED.title, 'f. tab 2 keeps its own (old) title, not tab 1\'s');
		is(await tab2.inputValue('#body'), SEED.body, 'f. tab 2 keeps the body unchanged');
		await shot(tab2, 'stale-save.png');

		await tab1.reload();
		is(await tab1.inputValue('#title'), title1, 'f. the stored release has tab 1\'s title');
		is(await tab1.inputValue('#lead'), SEED.lead, 'f. the stored release has the old lead');
		is(await tab1.inputValue('#contacts'), SEED.contacts, 'f. the stored contacts are unchanged');
	} finally {
		await tab2.close();
	}
});

// g. Markup in a title is text, everywhere it is shown.
await step('g. markup in a title', async () => {
	stepName = 'g';
	const evil = '<script>alert(1)</script>';
	const d0 = dialogs.length;
	await page.goto(url('/staff/new'));
	await fillRelease(page, {
		title: evil,
		lead: 'Un chapeau <b>gras</b> & <img src=x onerror=alert(2)>.',
		body: 'Corps avec <script>alert(3)</script> et <img src=x onerror=alert(4)>.',
	});
	await submit(page, saveButton(page));
	is(await notice(page), 'Draft created.', 'g. a draft titled <script>… is saved');
	const id = (new URL(page.url()).pathname.match(/^\/staff\/edit\/([^/]+)$/) || [])[1];
	is(await page.inputValue('#title'), evil, 'g. the edit form shows the title as typed');

	await page.goto(url('/staff/'));
	const link = page.locator(`table.releases a[href$="/edit/${id}"]`);
	ok(await link.count() >= 1, 'g. "My releases" lists the draft');
	is((await link.allTextContents()).filter((t) => t !== evil).length, 0,
		'g. "My releases" shows the title literally');
	is(await page.locator('main script').count(), 0, 'g. "My releases" has no script element in its content');

	await page.goto(url(`/staff/preview/${id}`));
	is(await page.locator('article.release h1.release-title').textContent(), evil,
		'g. the preview shows the title literally');
	is(await page.locator('article.release script, article.release img, article.release b').count(), 0,
		'g. the preview has no element made from typed markup');
	like(await page.locator('article.release .lead').innerText(), '<b>gras</b> &',
		'g. the lead\'s markup is shown as text');
	await page.waitForTimeout(300);
	const opened = dialogs.slice(d0);
	if (!is(opened.length, 0, 'g. no dialog opened'))
		diag(show(opened));
});

// h. The sign-in form in keyboard order.
await step('h. keyboard only', async () => {
	stepName = 'h';
	const ctx = watch(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
	try {
		const p = await ctx.newPage();
		await p.goto(url('/auth/login'));
		const active = () => p.evaluate(() => {
			const e = document.activeElement;
			if (!e || e === document.body)
				return 'body';
			return e.id ? '#' + e.id : e.tagName.toLowerCase() + ':' + e.textContent.trim();
		});
		is(await active(), '#user', 'h. the user name field has the focus on arrival');
		await shot(p, 'login.png');
		// From the top of the page: Tab until the Sign in button.
		await p.locator('a.skip').focus();
		const seen = [];
		for (let i = 0; i < 8; i++) {
			await p.keyboard.press('Tab');
			const a = await active();
			seen.push(a);
			if (a === 'button:Sign in')
				break;
		}
		diag('tab order: ' + seen.join(' → '));
		const iu = seen.indexOf('#user');
		ok(iu >= 0, 'h. Tab from the top reaches the user name field');
		is(seen[iu + 1], '#password', 'h. the next Tab reaches the password');
		is(seen[iu + 2], 'button:Sign in', 'h. the next Tab reaches "Sign in"');
		const focusStyle = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
		ok(focusStyle !== 'none', `h. the focused button shows an outline (${focusStyle})`);
		// And sign in without the mouse.
		await p.locator('#user').focus();
		await p.keyboard.type('editor');
		await p.keyboard.press('Tab');
		await p.keyboard.type('press-editor');
		await p.keyboard.press('Tab');
		await Promise.all([p.waitForURL(url('/staff/')), p.keyboard.press('Enter')]);
		is(await h1(p), 'My releases', 'h. Enter on "Sign in" signs in');
	} finally {
		await ctx.close();
	}
});

// i. Everything works with JavaScript off.
await step('i. without JavaScript', async () => {
	stepName = 'i';
	const ctx = watch(await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } }));
	try {
		const p = await ctx.newPage();
		await p.goto(url('/auth/login'));
		await p.fill('#user', 'editor');
		await p.fill('#password', 'press-editor');
		await submit(p, p.locator('form button', { hasText: 'Sign in' }));
		is(await h1(p), 'My releases', 'i. without JavaScript, signing in works');
		await p.locator('main a.button', { hasText: 'New release' }).click();
		await p.waitForURL(url('/staff/new'));
		is(await p.locator('.counter').count(), 0, 'i. no script ran (no byte counters)');
		const title = 'Sans JavaScript : un petit communiqué';
		await fillRelease(p, { title, lead: 'Un chapeau court, enregistré sans JavaScript.',
			body: 'Un paragraphe.\n\nUn autre — avec un tiret cadratin.' });
		await submit(p, saveButton(p));
		is(await notice(p), 'Draft created.', 'i. without JavaScript, saving a draft works');
		is(await p.inputValue('#title'), title, 'i. the saved draft has its title');
		is(await p.inputValue('#body'), 'Un paragraphe.\n\nUn autre — avec un tiret cadratin.',
			'i. the saved draft has its body');
		await p.goto(url('/staff/'));
		ok(await p.locator('table.releases a', { hasText: title }).count() >= 1, 'i. the draft is on "My releases"');
		// The editor has several releases by now (the seed, b's, g's, this one).
		const caption = await p.locator('table.releases caption').first().textContent();
		const count = Number((caption.match(/(\d+) release/) || [])[1]);
		ok(count >= 2, `i. "My releases" counts the editor's releases (${caption.trim()})`);
		is(await p.locator('table.releases').count(), 1, 'i. "My releases" shows one table');
		is(await p.locator('table.releases tbody tr').count(), count, `i. "My releases" has one row per release (${count})`);
		await shot(p, 'list.png', { fullPage: true });
	} finally {
		await ctx.close();
	}
});

// The whole journey: no dialog, no broken request, no script error.
stepName = 'end';
if (!is(dialogs.length, 0, 'no dialog opened during the journey'))
	diag(show(dialogs));
if (!is(failedRequests.length, 0, 'no request failed during the journey'))
	diag(show(failedRequests));
// The refused save (409) is the one expected error status.
const unexpected = badResponses.filter((r) => !(r.step === 'f' && r.status === 409 && r.type === 'document'));
if (!is(unexpected.length, 0, 'no unexpected error status during the journey'))
	diag(show(unexpected));
// So is the 404 of /favicon.ico, which step a checks on its own.
const expected = (e) => /status of 409/.test(e.text) || /\/favicon\.ico$/.test(e.source || '');
for (const e of consoleErrors.filter(expected))
	diag(`expected console message (step ${e.step}): ${e.text} [${e.source || e.page}]`);
const scriptErrors = consoleErrors.filter((e) => !expected(e));
if (!is(scriptErrors.length, 0, 'no console error during the journey'))
	diag(show(scriptErrors));

await browser.close().catch(() => {});
clearTimeout(watchdog);
diag(`journey: ${Date.now() - t0} ms`);
finish();
