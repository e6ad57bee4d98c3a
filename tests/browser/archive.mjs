#!/usr/bin/env node
// archive.mjs: the public archive as a journalist uses it, in a real browser
// (Debian's chromium driven by playwright-core), printed as TAP.
//
//   node tests/browser/archive.mjs BASE_URL OUT_DIR
//
// BASE_URL is a running stack (tests/lib/stack.sh) holding the releases of
// `pressroom-admin generate` (French, every third an English translation of
// the one before, over ten years); OUT_DIR receives the screenshots
// (archive-*.png).  The reader opens the list (newest first), follows a
// year of the Years facet, opens a French release from that year, checks
// its page (title, dateline, JSON-LD), goes to its English translation and
// back, and searches "negociation" and "NEGOCIATION" (the text has
// "négociation"); then, with JavaScript off, the list, a year page and the
// search again.  No console error, failed request, error status, dialog or
// CSP violation is allowed.  Every browser action gives up after ACTION_MS
// (generous: a loaded 2-core machine), the whole run after TOTAL_MS.
import { chromium } from 'playwright-core';
import { diag, ok, is, like, show, finish, launchChromium } from './tap.mjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ACTION_MS = 20000;
const TOTAL_MS = Number(process.env.ARCHIVE_TOTAL_MS || 110000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const [base, outArg] = process.argv.slice(2);
if (!base || !outArg) {
	console.error('usage: node archive.mjs BASE_URL OUT_DIR');
	process.exit(2);
}
const BASE = base.replace(/\/+$/, '');
const OUT = path.resolve(outArg);
mkdirSync(OUT, { recursive: true });

// The seed text has "négociation"; a reader types it without the accent.
const WORD = 'négociation';
const QUERY = 'negociation';
const PERMALINK = /^\/(\d{4})\/(\d{2})\/(\d{2})\/[a-z0-9-]+$/;

// ---- TAP (tap.mjs) and the browser's reports ---------------------------------

let stepName = 'start';
const consoleErrors = [];
const failedRequests = [];
const badResponses = [];
const dialogs = [];
const cspViolations = [];

// A step that throws (a timeout, a missing element) is one failed check;
// the run goes on with the next step.
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

async function watch(context, js) {
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
	// Chromium logs a CSP violation as a console error as well; with
	// scripts on, the page's own event says exactly what was refused.
	if (js) {
		await context.exposeBinding('__pressroomCsp', (src, v) =>
			cspViolations.push({ step: stepName, page: src.page?.url(), ...v }));
		await context.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) =>
				window.__pressroomCsp({ directive: e.violatedDirective, blocked: e.blockedURI,
					source: e.sourceFile, line: e.lineNumber }));
		});
	}
	return context;
}

const watchdog = setTimeout(() => {
	ok(false, `the archive run finished within ${TOTAL_MS / 1000} s (stopped in step "${stepName}")`);
	finish();
	process.exit(1);
}, TOTAL_MS);

const t0 = Date.now();
const browser = await launchChromium(chromium, CHROMIUM, () => clearTimeout(watchdog));

const url = (p) => BASE + p;
const shot = (pg, name, opts = {}) => pg.screenshot({ path: path.join(OUT, `archive-${name}.png`), ...opts });
const pathOf = (pg) => { const u = new URL(pg.url()); return u.pathname + u.search; };
// The line "N releases …" above a list (its class was p.count, now p.list-count).
const COUNT = 'main :is(p.list-count, p.count)';
const text = async (loc) => ((await loc.textContent()) || '').replace(/\s+/g, ' ').trim();

// Open a path; the answer's status.
async function open(pg, p) {
	const resp = await pg.goto(url(p), { waitUntil: 'load' });
	return resp ? resp.status() : 0;
}

// Click a link and wait until the page it names has loaded; its status.
async function follow(pg, link) {
	const href = await link.getAttribute('href');
	const want = new URL(href, pg.url()).href;
	const [resp] = await Promise.all([
		pg.waitForResponse((r) => r.url() === want && r.request().isNavigationRequest()),
		pg.waitForURL(want, { waitUntil: 'load' }),
		link.click(),
	]);
	return resp.status();
}

// Type a query into the search form and submit it; the answer's status.
async function search(pg, q, how) {
	const input = pg.locator('form.search input[name=q]');
	await input.fill(q);
	const isIt = (u) => u.pathname === '/search' && u.searchParams.get('q') === q;
	const [resp] = await Promise.all([
		pg.waitForResponse((r) => isIt(new URL(r.url())) && r.request().isNavigationRequest()),
		pg.waitForURL(isIt, { waitUntil: 'load' }),
		how === 'enter' ? input.press('Enter') : pg.locator('form.search button[type=submit]').click(),
	]);
	return resp.status();
}

// The entries of a list page: id, language, title, link, date, translations.
async function entries(pg) {
	return pg.$$eval('ol.public-list > li[data-release]', (lis) => lis.map((li) => {
		const a = li.querySelector(':scope > h2 > a');
		const time = li.querySelector(':scope > p.meta time');
		const tr = li.querySelector(':scope > p.translations');
		const mark = li.querySelector(':scope > p.passage');
		return {
			id: li.dataset.release,
			lang: li.getAttribute('lang'),
			title: a ? a.textContent.trim() : null,
			href: a ? a.getAttribute('href') : null,
			date: time ? time.getAttribute('datetime') : null,
			meta: (li.querySelector(':scope > p.meta')?.textContent || '').replace(/\s+/g, ' ').trim(),
			trText: tr ? tr.textContent.replace(/\s+/g, ' ').trim() : '',
			translations: tr ? [...tr.querySelectorAll('a')].map((x) => ({
				href: x.getAttribute('href'), hreflang: x.getAttribute('hreflang') })) : [],
			passage: mark ? mark.textContent : null,
			marks: mark ? [...mark.querySelectorAll('mark')].map((m) => m.textContent) : [],
		};
	}));
}

// The links of one facet of the aside: name, href, count, current.
async function facet(pg, heading) {
	return pg.$$eval('aside.facets > h2', (hs, heading) => {
		const h = hs.find((x) => x.textContent.trim() === heading);
		const ul = h && h.nextElementSibling;
		if (!ul || ul.tagName !== 'UL')
			return null;
		return [...ul.querySelectorAll(':scope > li')].map((li) => {
			const a = li.querySelector('a');
			return {
				name: a.textContent.trim(), href: a.getAttribute('href'),
				hreflang: a.getAttribute('hreflang'),
				current: a.getAttribute('aria-current'),
				count: Number((li.querySelector('small')?.textContent || '').replace(/[^0-9]/g, '')),
			};
		});
	}, heading);
}

function newestFirst(list) {
	for (let i = 1; i < list.length; i++)
		if (!(list[i - 1].date >= list[i].date))
			return `${list[i - 1].date} before ${list[i].date} (entries ${i} and ${i + 1})`;
	return '';
}

// What a list page shows must hold together: ids, permanent addresses
// that carry the date, newest first.
function checkList(P, list, what) {
	ok(list.length > 0, P(`${what} shows releases (${list.length})`));
	const bad = list.filter((e) => !e.id || !e.title || !PERMALINK.test(e.href || '') ||
		!/^\d{4}-\d{2}-\d{2}$/.test(e.date || '') ||
		e.href.slice(1, 11) !== e.date.replace(/-/g, '/'));
	if (!is(bad.length, 0, P(`every entry of ${what} has an id, a title and a permanent address /YYYY/MM/DD/slug of its date`)))
		diag(show(bad.slice(0, 3)));
	const order = newestFirst(list);
	if (!ok(order === '', P(`${what} is newest first`)))
		diag(order);
}

// The search results: count line, French entries only, a passage with
// "négociation" marked in each.
async function checkResults(pg, P, q, wantTotal) {
	is(await text(pg.locator('main h1')), 'Search', P('the page is "Search"'));
	is(await pg.inputValue('form.search input[name=q]'), q, P(`the search box keeps "${q}"`));
	const count = await text(pg.locator(COUNT));
	const m = count.match(/^(\d+) releases match “(.*)”\.$/);
	ok(m !== null, P(`the page says how many releases match ("${count}")`));
	const total = m ? Number(m[1]) : -1;
	is(m ? m[2] : null, q, P('the count line quotes the query as typed'));
	if (wantTotal !== null)
		is(total, wantTotal, P(`every French release matches, no English one (${wantTotal})`));
	const list = await entries(pg);
	ok(list.length > 0 && list.length <= total, P(`results are listed (${list.length} of ${total})`));
	const notFr = list.filter((e) => e.lang !== 'fr');
	if (!is(notFr.length, 0, P('every result is a French release')))
		diag(show(notFr.slice(0, 3).map((e) => [e.id, e.lang, e.title])));
	const noMark = list.filter((e) => e.passage === null || e.marks.length === 0);
	if (!is(noMark.length, 0, P('every result shows a passage (p.passage) with a <mark>')))
		diag(show(noMark.slice(0, 3).map((e) => [e.id, e.passage])));
	const marks = list.flatMap((e) => e.marks).map((s) => s.normalize('NFC'));
	ok(marks.some((s) => s.includes(WORD)), P(`a <mark> holds "${WORD}", with its accent (${show([...new Set(marks)])})`));
	const other = marks.filter((s) => s.toLowerCase() !== WORD);
	if (!is(other.length, 0, P(`every <mark> is the word "${WORD}" and nothing else`)))
		diag(show(other.slice(0, 5)));
	const first = list[0];
	if (first && first.passage !== null)
		like(first.passage.normalize('NFC'), `de ${WORD}.`, P('the passage is the sentence of the seed text around the word'));
	return { total, list };
}

// ---- With JavaScript ----------------------------------------------------------

const ctx = await watch(await browser.newContext({ viewport: { width: 1280, height: 800 } }), true);
const page = await ctx.newPage();
const thisYear = String(new Date().getUTCFullYear());
const P = (tag) => (s) => `${tag}. ${s}`;
let total = 0, frCount = null, years = [], home = [], year = null;
let release = null, translation = null, firstSearch = null;

await step('a. the list', async () => {
	const p = P('a');
	is(await open(page, '/'), 200, p('/ answers 200'));
	is(await text(page.locator('main h1')), 'Press releases', p('the page is "Press releases"'));
	const count = await text(page.locator(COUNT));
	total = Number((count.match(/^(\d+) releases/) || [])[1]);
	is(total, 60, p(`the page counts the 60 generated releases ("${count}")`));
	home = await entries(page);
	ok(home.length > 0 && home.length < total, p(`the first page lists some of them (${home.length})`));
	checkList(p, home, 'the list');
	ok(home.some((e) => e.translations.length > 0), p('some entries show "Also available in"'));
	// The next page goes on where this one stops.
	const older = page.locator('nav.pager a[rel=next]');
	is(await older.getAttribute('href'), '/?page=2', p('the pager links to /?page=2'));
	years = await facet(page, 'Years');
	ok(Array.isArray(years) && years.length >= 10 && years.length <= 11,
		p(`the Years facet lists the ten years (${show(years && years.map((y) => y.name))})`));
	years = years || [];
	is(years.filter((y) => y.href !== `/archive/${y.name}/` || !/^\d{4}$/.test(y.name)).length, 0,
		p('each year links to /archive/YYYY/'));
	is(years.reduce((s, y) => s + y.count, 0), total, p('the years\' counts add up to the total'));
	// (Just after New Year the newest release may still be last year's.)
	diag(p(`the current year ${thisYear} is ${years.some((y) => y.name === thisYear) ? '' : 'not '}among them`));
	const langs = await facet(page, 'Languages') || [];
	is(langs.map((l) => `${l.name}:${l.href}:${l.hreflang}`).sort().join(' '),
		'en:/archive/language/en/:en fr:/archive/language/fr/:fr', p('the Languages facet links to fr and en'));
	frCount = (langs.find((l) => l.name === 'fr') || {}).count ?? null;
	is(langs.reduce((s, l) => s + l.count, 0), total, p(`the languages\' counts add up to the total (fr ${frCount})`));
	const topics = await facet(page, 'Topics') || [];
	ok(topics.length >= 10 && topics.every((t) => /^\/archive\/topic\/[a-z0-9.-]+\/$/.test(t.href)),
		p(`the Topics facet links to /archive/topic/SLUG/ (${topics.length} topics)`));
	const spaced = topics.filter((t) => t.name !== t.name.trim());
	if (spaced.length)
		diag(p(`topic names with surrounding spaces in the facet: ${show(spaced.map((t) => t.name))}`));
	await shot(page, 'home', { fullPage: true });
	is(await follow(page, older), 200, p('"Older ›" answers 200'));
	const second = await entries(page);
	checkList(p, second, 'page 2');
	if (second.length && home.length)
		ok(home[home.length - 1].date >= second[0].date,
			p(`page 2 starts no newer than page 1 ends (${home[home.length - 1].date} ≥ ${second[0].date})`));
	is(new Set([...home, ...second].map((e) => e.id)).size, home.length + second.length,
		p('no release is on both pages'));
});

await step('b. a year', async () => {
	const p = P('b');
	if (pathOf(page) !== '/')
		await open(page, '/');
	if (!years.length)
		years = await facet(page, 'Years') || [];
	// The newest year that is not the current one.
	const past = years.filter((y) => y.name !== thisYear && y.count > 0).map((y) => y.name).sort();
	year = past[past.length - 1];
	ok(year !== undefined, p(`a past year is offered (${year})`));
	const want = years.find((y) => y.name === year);
	const link = page.locator(`aside.facets a[href="/archive/${year}/"]`);
	is(await link.count(), 1, p(`the Years facet has one link to ${year}`));
	is(await follow(page, link.first()), 200, p(`following it answers 200 at /archive/${year}/`));
	is(pathOf(page), `/archive/${year}/`, p(`the address is /archive/${year}/`));
	is(await text(page.locator('main h1')), `Press releases: ${year}`, p(`the heading says "Press releases: ${year}"`));
	is(await text(page.locator('main h1 .filter')), year, p('the year is the heading\'s filter'));
	ok((await page.title()).startsWith(`${year} · Press releases`), p(`the window title starts with "${year} · Press releases" (${await page.title()})`));
	const list = await entries(page);
	checkList(p, list, `the ${year} page`);
	const others = list.filter((e) => !e.date.startsWith(`${year}-`) || !e.href.startsWith(`/${year}/`));
	if (!is(others.length, 0, p(`every entry shown is from ${year}`)))
		diag(show(others.map((e) => [e.id, e.date, e.href])));
	is(list.length, want ? want.count : -1, p(`the page lists as many releases as the facet said (${want && want.count})`));
	like(await text(page.locator(COUNT)), `${list.length} releases`, p('the count line agrees'));
	const ys = await facet(page, 'Years') || [];
	is(ys.filter((y) => y.current === 'page').map((y) => y.name).join(' '), year,
		p(`the Years facet marks ${year}, and only it, as the current page`));
	const months = await facet(page, `Months of ${year}`);
	ok(Array.isArray(months) && months.length > 0 && months.every((m) => m.name.startsWith(`${year}-`)),
		p(`the aside offers the months of ${year} (${show(months && months.map((m) => m.name))})`));
	is(await page.locator('aside.facets a', { hasText: 'All releases' }).getAttribute('href'), '/',
		p('the aside links back to all releases'));
	await shot(page, 'year', { fullPage: true });
});

await step('c. a release', async () => {
	const p = P('c');
	const list = await entries(page);
	// A French release with a translation: its entry says so in the list.
	const e = list.find((x) => x.lang === 'fr' && x.translations.some((t) => t.hreflang === 'en'));
	ok(e !== undefined, p(`the ${year} page has a French release with an English translation (${e && e.title})`));
	if (!e)
		throw new Error('no French release with a translation');
	like(e.trText, 'Also available in: en', p('its entry says "Also available in: en"'));
	release = e;
	const title = page.locator(`ol.public-list > li[data-release="${e.id}"] > h2 > a`);
	is(await follow(page, title), 200, p(`clicking its title opens ${e.href}, 200`));
	is(pathOf(page), e.href, p('the address is the permanent one'));
	const art = page.locator('main article.release');
	is(await art.count(), 1, p('the page has one article.release'));
	is(await art.getAttribute('data-release'), e.id, p('the article is the release clicked'));
	is(await art.getAttribute('lang'), 'fr', p('the article is in French (lang="fr")'));
	is(await text(art.locator('h1.release-title')), e.title, p(`the title is the list's ("${e.title}")`));
	ok((await page.title()).startsWith(e.title + ' · '), p('the window title starts with the release\'s title'));
	const city = (e.meta.match(/ · ([^·]+) · /) || [])[1];
	const dl = await text(art.locator('p.dateline'));
	// The date in words, the way the release's language writes it.
	ok(new RegExp(`^${city}, \\d{1,2}(er)? \\p{L}+ ${e.date.slice(0, 4)}$`, 'u').test(dl),
	    p(`the dateline is "${city}, <day> <month> ${e.date.slice(0, 4)}" (${dl})`));
	is(await art.locator('p.dateline time').getAttribute('datetime'), e.date, p('the dateline\'s time has the date'));
	ok((await text(art.locator('div.lead'))).length > 0 && (await text(art.locator('div.body'))).includes(WORD),
		p(`the lead is there and the body has "${WORD}"`));
	const ld = page.locator('head script[type="application/ld+json"]');
	is(await ld.count(), 1, p('the page has one JSON-LD script'));
	let data = null;
	try {
		data = JSON.parse(await ld.first().textContent());
	} catch (err) {
		diag(String(err));
	}
	ok(data !== null, p('the JSON-LD is valid JSON'));
	data = data || {};
	is(data['@type'], 'NewsArticle', p('JSON-LD: a NewsArticle'));
	is(data.headline, e.title, p('JSON-LD: the headline is the title'));
	is(data.inLanguage, 'fr', p('JSON-LD: inLanguage fr'));
	is(data.dateline, city, p('JSON-LD: the dateline is the city'));
	ok(typeof data.datePublished === 'string' && data.datePublished.startsWith(e.date),
		p(`JSON-LD: datePublished is on the release's date (${data.datePublished})`));
	ok(typeof data.url === 'string' && data.url.endsWith(e.href), p(`JSON-LD: the url ends with the permanent address (${data.url})`));
	ok((await page.locator('head link[rel=canonical]').getAttribute('href') || '').endsWith(e.href),
		p('the canonical link ends with the permanent address'));
	const tr = art.locator('p.translations');
	like(await text(tr), 'Also available in: en', p('the release page says "Also available in: en"'));
	const en = tr.locator('a[hreflang=en]');
	is(await en.count(), 1, p('it links once to the English translation'));
	translation = e.translations.find((t) => t.hreflang === 'en');
	is(await en.getAttribute('href'), translation.href, p('the link is the one the list gave'));
	is(await en.getAttribute('lang'), 'en', p('the link text is marked lang="en"'));
	const alt = page.locator('head link[rel=alternate][hreflang=en]');
	is(await alt.count(), 1, p('the head has an hreflang="en" alternate'));
	is(await alt.evaluate((l) => new URL(l.href).pathname), translation.href, p('the alternate is the translation'));
	await shot(page, 'release', { fullPage: true });
	is(await follow(page, en), 200, p('following "Also available in: en" answers 200'));
});

await step('d. the translation', async () => {
	const p = P('d');
	if (!translation)
		throw new Error('no translation to look at');
	is(pathOf(page), translation.href, p(`the address is the translation's (${translation.href})`));
	ok(PERMALINK.test(translation.href), p('it is a permanent address'));
	is(await page.evaluate(() => document.documentElement.lang), 'en', p('the page is in English (html lang="en")'));
	const art = page.locator('main article.release');
	is(await art.getAttribute('lang'), 'en', p('the article is in English (lang="en")'));
	const id = await art.getAttribute('data-release');
	ok(id && id !== release.id, p(`it is another release (${id})`));
	const title = await text(art.locator('h1.release-title'));
	ok(/^[^:]+: release \d+$/.test(title), p(`the title is English ("${title}")`));
	like(await text(art.locator('div.body')), 'The negotiations on enlargement', p('the body is the English text'));
	const data = JSON.parse(await page.locator('head script[type="application/ld+json"]').first().textContent());
	is(data.inLanguage, 'en', p('JSON-LD: inLanguage en'));
	is(data.headline, title, p('JSON-LD: the headline is the English title'));
	// Published with its original, a minute later: the same day, or the
	// next one when the minute crossed midnight.
	const tdate = await art.locator('p.dateline time').getAttribute('datetime');
	const days = (Date.parse(tdate) - Date.parse(release.date)) / 86400000;
	ok(days === 0 || days === 1, p(`it has the original's date (${tdate}, original ${release.date})`));
	const back = art.locator('p.translations a[hreflang=fr]');
	like(await text(art.locator('p.translations')), 'Also available in: fr', p('it says "Also available in: fr"'));
	is(await back.count(), 1, p('it links back once, to French'));
	is(await back.getAttribute('href'), release.href, p('the link back is the original\'s permanent address'));
	is(await back.getAttribute('title'), release.title, p('the link back is titled with the original\'s title'));
	await shot(page, 'translation', { fullPage: true });
	is(await follow(page, back), 200, p('following it answers 200'));
	is(await page.locator('main article.release').getAttribute('data-release'), release.id,
		p('it leads back to the original release'));
});

await step('e. search without the accent', async () => {
	const p = P('e');
	is(await search(page, QUERY, 'click'), 200, p(`searching "${QUERY}" from the release page answers 200`));
	is(pathOf(page), `/search?q=${QUERY}`, p(`the address is /search?q=${QUERY}`));
	firstSearch = await checkResults(page, p, QUERY, frCount);
	ok(firstSearch.list.some((e) => e.id === release.id) || firstSearch.total > firstSearch.list.length,
		p('the release read in c is among the results (or on a later page)'));
	await shot(page, 'search', { fullPage: true });
});

await step('f. search in capitals', async () => {
	const p = P('f');
	const Q = QUERY.toUpperCase();
	is(await search(page, Q, 'enter'), 200, p(`searching "${Q}" (Enter) answers 200`));
	is(pathOf(page), `/search?q=${Q}`, p(`the address is /search?q=${Q}`));
	const r = await checkResults(page, p, Q, frCount);
	if (firstSearch) {
		is(r.total, firstSearch.total, p('as many results as in lower case'));
		is(r.list.map((e) => e.id).join(' '), firstSearch.list.map((e) => e.id).join(' '),
			p('the same releases, in the same order'));
	}
});

await page.close();
await ctx.close();

// ---- Without JavaScript -------------------------------------------------------

const noJs = await watch(await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } }), false);
const pg = await noJs.newPage();

await step('g. without JavaScript', async () => {
	const p = P('g');
	is(await open(pg, '/'), 200, p('/ answers 200'));
	const list = await entries(pg);
	is(list.map((e) => e.id).join(' '), home.map((e) => e.id).join(' '), p('the list is the same as with JavaScript'));
	checkList(p, list, 'the list');
	const y = year || (years.find((x) => x.name !== thisYear) || {}).name;
	const link = pg.locator(`aside.facets a[href="/archive/${y}/"]`);
	is(await follow(pg, link), 200, p(`the year link to ${y} answers 200`));
	is(await text(pg.locator('main h1')), `Press releases: ${y}`, p(`the heading says "${y}"`));
	const yl = await entries(pg);
	ok(yl.length > 0 && yl.every((e) => e.date.startsWith(`${y}-`)), p(`every entry is from ${y} (${yl.length})`));
	is(await search(pg, QUERY, 'click'), 200, p(`the search form (a plain GET) answers 200 for "${QUERY}"`));
	is(pathOf(pg), `/search?q=${QUERY}`, p(`the address is /search?q=${QUERY}`));
	const r = await checkResults(pg, p, QUERY, frCount);
	if (firstSearch)
		is(r.list.map((e) => e.id).join(' '), firstSearch.list.map((e) => e.id).join(' '),
			p('the same results as with JavaScript'));
	await shot(pg, 'nojs-search', { fullPage: true });
	const next = pg.locator('nav.pager a[rel=next]');
	if (await next.count()) {
		is(await follow(pg, next), 200, p('the results\' next page answers 200'));
		const more = await entries(pg);
		ok(more.length > 0 && more.every((e) => e.marks.some((s) => s.normalize('NFC').toLowerCase() === WORD)),
			p(`page 2 of the results has the word marked too (${more.length})`));
		is(await pg.inputValue('form.search input[name=q]'), QUERY, p('the search box still holds the query'));
	}
	await shot(pg, 'nojs-search-2', { fullPage: true });
});

await pg.close();
await noJs.close();

// ---- Nothing went wrong on the way -------------------------------------------

stepName = 'end';
if (!is(dialogs.length, 0, 'no dialog opened'))
	diag(show(dialogs));
if (!is(failedRequests.length, 0, 'no request failed'))
	diag(show(failedRequests));
if (!is(badResponses.length, 0, 'no error status'))
	diag(show(badResponses));
if (!is(consoleErrors.length, 0, 'no console error'))
	diag(show(consoleErrors));
const refused = consoleErrors.filter((e) => /Content Security Policy/i.test(e.text));
if (!is(cspViolations.length + refused.length, 0, 'no CSP violation'))
	diag(show([...cspViolations, ...refused]));

await browser.close().catch(() => {});
clearTimeout(watchdog);
diag(`archive: ${Date.now() - t0} ms`);
finish();
