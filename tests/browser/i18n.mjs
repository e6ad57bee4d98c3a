#!/usr/bin/env node
// i18n.mjs: the interface in French, in a real browser (Debian's chromium
// driven by playwright-core), printed as TAP.
//
//   node tests/browser/i18n.mjs BASE_URL OUT_DIR SEED_ID
//
// BASE_URL is a running stack (tests/lib/stack.sh) whose default interface
// language is English; SEED_ID is the id of its seed release (French).  The
// editor signs in (the page is English: the browser asks for English),
// chooses French on the settings page, finds the navigation in French,
// opens the seed release's review page, clicks "Traduire dans une autre
// langue", types an English translation and saves it with "Enregistrer et
// prévisualiser"; both previews then link to each other.  The footer's
// language switcher (plain links) goes back to English and to French again.
// Screenshots go to OUT_DIR/i18n-*.png.  Every browser action gives up
// after ACTION_MS, the whole run after TOTAL_MS.
import { chromium } from 'playwright-core';
import { diag, ok, is, like, unlike, show, finish, launchChromium } from './tap.mjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ACTION_MS = 10000;
const TOTAL_MS = Number(process.env.I18N_TOTAL_MS || 70000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const [base, outArg, SEED] = process.argv.slice(2);
if (!base || !outArg || !SEED) {
	console.error('usage: node i18n.mjs BASE_URL OUT_DIR SEED_ID');
	process.exit(2);
}
const BASE = base.replace(/\/+$/, '');
const OUT = path.resolve(outArg);
mkdirSync(OUT, { recursive: true });

const NBSP = '\u00a0';
const TR = {
	title: 'CEMR and NALAS leaders meet to strengthen their cooperation',
	lead: 'Today the Secretary General of CEMR met the President and the Secretary General of NALAS.',
	body: 'Both organisations agreed to work more closely together.\n\nThey met in Brussels.',
	city: 'Brussels',
	topics: 'cooperation, Western Balkans',
	contacts: 'For more information, contact: the press office',
};

let stepName = 'start';
const problems = [];
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

const watchdog = setTimeout(() => {
	ok(false, `the run finished within ${TOTAL_MS / 1000} s (stopped in "${stepName}")`);
	finish();
	process.exit(1);
}, TOTAL_MS);

const browser = await launchChromium(chromium, CHROMIUM, () => clearTimeout(watchdog));
// The browser asks for English first: only the user's choice makes French.
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
context.setDefaultTimeout(ACTION_MS);
context.setDefaultNavigationTimeout(ACTION_MS);
context.on('console', (m) => {
	if (m.type() === 'error')
		problems.push(`${stepName}: console: ${m.text()}`);
});
context.on('response', (r) => {
	if (r.status() >= 400)
		problems.push(`${stepName}: ${r.status()} ${r.url()}`);
});
const p = await context.newPage();
const url = (s) => BASE + s;
const shot = (name) => p.screenshot({ path: path.join(OUT, `i18n-${name}.png`), fullPage: true });
const text = async (loc) => ((await loc.count()) ? ((await loc.first().textContent()) || '').trim() : '(none)');
// Runs of ASCII white space only: U+00A0 and U+202F are part of the text.
const squash = (s) => s.replace(/[ \t\n\r]+/g, ' ').trim();
const htmlLang = () => p.evaluate(() => document.documentElement.lang);
const nav = async () => squash((await p.locator('header.top nav a').allTextContents()).join(' | '));

async function follow(loc) {
	await Promise.all([p.waitForEvent('load'), loc.click()]);
}

// Links to the other members of the group, from a preview.
async function translations() {
	return p.locator('p.translations a').evaluateAll((as) =>
		as.map((a) => `${a.getAttribute('hreflang')} ${a.getAttribute('href')}`));
}

let translation = '';

await step('1. sign in (English)', async () => {
	await p.goto(url('/auth/login'));
	is(await htmlLang(), 'en', '1. the sign-in page is English for an English browser');
	is(await text(p.locator('h1')), 'Sign in', '1. "Sign in"');
	await p.fill('#user', 'editor');
	await p.fill('#password', 'press-editor');
	await follow(p.locator('form button', { hasText: 'Sign in' }));
	is(await text(p.locator('h1')), 'My releases', '1. signed in: "My releases"');
});

await step('2. choose French in the settings', async () => {
	await follow(p.locator('header.top nav a', { hasText: 'Settings' }));
	is(await text(p.locator('h1')), 'Settings', '2. the settings page');
	ok(await p.locator('input[name=language][value=""]').isChecked(), '2. "Automatic" is chosen at first');
	await p.locator('label.choice', { hasText: 'Français' }).click();
	await follow(p.locator('form button[type=submit]', { hasText: 'Save settings' }));
	is(await htmlLang(), 'fr', '2. after saving, the page is French (<html lang="fr">)');
	is(await text(p.locator('h1')), 'Préférences', '2. the heading: "Préférences"');
	is(await text(p.locator('main p.notice')), 'Vos préférences sont enregistrées.', '2. the notice, in French');
	ok(await p.locator('input[name=language][value="fr"]').isChecked(), '2. Français is now the setting');
	await shot('settings-fr');
});

await step('3. the staff pages in French', async () => {
	await p.goto(url('/staff/'));
	is(await nav(), 'Mes communiqués | Nouveau communiqué | Relectures 0 | Préférences',
		'3. the navigation in French');
	is(await text(p.locator('header.top button')), 'Se déconnecter', '3. "Se déconnecter"');
	is(await text(p.locator('h1')), 'Mes communiqués', '3. "Mes communiqués"');
	like(await text(p.locator('table.releases caption')), 'communiqué(s)', '3. the table\'s caption in French');
	is(await text(p.locator('table.releases tbody span.state').first()), 'brouillon', '3. the state, in French: "brouillon"');
	// A date as French writes it ("26 novembre 2026 à 14:05 UTC").
	like(await text(p.locator('table.releases tbody time').first()), ' à ', '3. the last change, written the French way');
	ok(/^\d{1,2}(er)? [a-zéû]+ \d{4} à \d\d:\d\d UTC$/.test(await text(p.locator('table.releases tbody time').first())),
		'3. "<day> <month> <year> à <hh:mm> UTC"');
	await shot('list-fr');
});

await step('4. translate the seed release', async () => {
	await p.goto(url(`/review/release/${SEED}`));
	is(await htmlLang(), 'fr', '4. the review page is French');
	like(squash(await text(p.locator('.review-bar'))), 'État' + NBSP + ': brouillon', '4. the review bar: "État : brouillon"');
	const translate = p.locator('.review-bar a', { hasText: 'Traduire' });
	is(await translate.count(), 1, '4. a "Traduire dans une autre langue" action');
	await follow(translate);
	is(await text(p.locator('h1')), 'Nouveau communiqué', '4. it opens the new-release form, in French');
	is(await p.locator('#translation_of').inputValue(), SEED, '4. ... with the seed as "Traduction de"');
	is(await text(p.locator('label[for=lead]')), 'Chapeau', '4. the labels are French ("Chapeau")');
	await p.fill('#title', TR.title);
	await p.fill('#lead', TR.lead);
	await p.fill('#body', TR.body);
	await p.selectOption('#lang', 'en');
	await p.fill('#city', TR.city);
	await p.fill('#date', '2026-11-26');
	await p.fill('#topics', TR.topics);
	await p.fill('#contacts', TR.contacts);
	await shot('translate-form');
	await follow(p.locator('button', { hasText: 'Enregistrer et prévisualiser' }));
	const m = p.url().match(/\/staff\/preview\/(\d{8}-[0-9a-f]{8})$/);
	ok(m, `4. saved, and the preview opens (${p.url()})`);
	translation = m ? m[1] : '';
	is(await text(p.locator('h1.release-title')), TR.title, '4. the preview shows the English title');
	like(await text(p.locator('.preview-bar')), 'voici comment la page publique l’affichera',
		'4. the preview bar in French');
	is(await text(p.locator('article .dateline time')), '26 November 2026',
		'4. its dateline in the release\'s language (English), not the interface\'s');
	await shot('preview-translation');
});

await step('5. both releases link to each other', async () => {
	let links = await translations();
	is(links.join(' '), `fr /review/release/${SEED}`, '5. the translation links the original (fr)');
	like(await text(p.locator('p.translations')), 'Également disponible en' + NBSP + ':',
		'5. "Également disponible en :" (U+00A0 before the colon)');
	await p.goto(url(`/staff/preview/${SEED}`));
	links = await translations();
	is(links.join(' '), `en /review/release/${translation}`, '5. the original links the translation (en)');
	is(await text(p.locator('article .dateline time')), '26 novembre 2026', '5. the original\'s date in French');
	await shot('preview-original');
});

await step('6. the footer\'s switcher', async () => {
	const english = p.locator('footer nav.languages a', { hasText: 'English' });
	is(await english.count(), 1, '6. the footer offers English');
	await follow(english);
	is(await htmlLang(), 'en', '6. one click: the page is English');
	ok(p.url().endsWith(`/staff/preview/${SEED}`), '6. ... and it is the same page');
	is(await nav(), 'My releases | New release | Review queue 0 | Settings', '6. the navigation in English');
	await p.goto(url('/staff/'));
	is(await htmlLang(), 'en', '6. the choice holds on the next page');
	await follow(p.locator('footer nav.languages a', { hasText: 'Français' }));
	is(await htmlLang(), 'fr', '6. and back to French');
	is(await p.locator('footer nav.languages a[aria-current]').textContent(), 'Français',
		'6. the switcher marks the current language');
	await shot('switcher');
});

await step('7. no error behind the scenes', async () => {
	if (!is(problems.length, 0, '7. no console error and no 4xx/5xx response'))
		diag(show(problems));
});

clearTimeout(watchdog);
await browser.close();
console.log(`# translation: ${translation}`);
finish();
