#!/usr/bin/env node
// workflow.mjs: the approval workflow in a real browser (Debian's chromium
// driven by playwright-core), printed as TAP.
//
//   node tests/browser/workflow.mjs BASE_URL OUT_DIR
//
// BASE_URL is a running stack with approvals_required = 2 and two approvers,
// "approver" and "approver2" (tests/browser/t0910-browser-workflow.sh sets
// it up).  The editor, each approver and an anonymous visitor have a
// browser context of their own, so each has their own cookies.  Every step
// is done the way a person does it: clicks on links and buttons, typing in
// fields.  Each check prints "ok N - ..." or "not ok N - ...", the plan
// "1..N" comes last, and the exit status is 1 when any check failed.  Every
// browser action gives up after ACTION_MS, the whole run after TOTAL_MS.
import { chromium } from 'playwright-core';
import { diag, ok, is, like, unlike, sameBytes, show, finish, launchChromium } from './tap.mjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const ACTION_MS = 10000;
const TOTAL_MS = Number(process.env.WORKFLOW_TOTAL_MS || 100000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const [base, outArg] = process.argv.slice(2);
if (!base || !outArg) {
	console.error('usage: node workflow.mjs BASE_URL OUT_DIR');
	process.exit(2);
}
const BASE = base.replace(/\/+$/, '');
const OUT = path.resolve(outArg);
mkdirSync(OUT, { recursive: true });

// ---- TAP (tap.mjs) ----

// A step that throws (a timeout, a missing element) is one failed check;
// the workflow goes on with the next step, which may then fail for want of
// what this one should have done.
const timings = [];
async function step(name, fn) {
	const t0 = Date.now();
	stepName = name.split('.')[0];
	try {
		await fn();
	} catch (e) {
		ok(false, `${name}: ran to the end`);
		diag(String(e && e.stack || e).split('\n').slice(0, 8).join('\n'));
	}
	const ms = Date.now() - t0;
	timings.push(`${stepName} ${ms} ms`);
	diag(`${name}: ${ms} ms`);
}

// ---- The release --------------------------------------------------------

// French typography on purpose: ’ (U+2019), é, – (U+2013), « » with
// no-break spaces are where a byte goes wrong first.
const REL = {
	title: 'Journée portes ouvertes – l’Hôtel de Région accueille le public',
	city: 'Lyon',
	topics: 'patrimoine, région, culture',
	lead: 'Le samedi 12 décembre, l’Hôtel de Région ouvre ses portes de 10 h – 18 h : visites guidées et rencontres avec les élus.',
	body: 'Pour la première fois, le public découvre l’hémicycle, les salons et la terrasse.\n\n'
		+ 'L’entrée est libre ; les visites guidées – 45 minutes environ – partent toutes les demi-heures.',
	contacts: 'Contact presse : Amélie Durand – presse@example.org – +33 4 00 00 00 00',
};
// The fix the approver asks for: the day was wrong and "de 10 h – 18 h".
const FIXED_LEAD = 'Le dimanche 13 décembre, l’Hôtel de Région ouvre ses portes de 10 h à 18 h – visites guidées, expositions et rencontres avec les élus.';
const COMMENT = 'Le 12 décembre est un samedi ? Vérifiez la date – et écrivez « de 10 h à 18 h ».';
const REASON = 'Journée reportée : l’événement est annulé – préfecture.';

// ---- The browser ----------------------------------------------------------

// Everything the pages say or fail to load, with the step it happened in.
let stepName = 'start';
const consoleErrors = [];
const failedRequests = [];
const badResponses = [];
const dialogs = [];

function watch(context, who) {
	context.setDefaultTimeout(ACTION_MS);
	context.setDefaultNavigationTimeout(ACTION_MS);
	context.on('console', (m) => {
		if (m.type() === 'error')
			consoleErrors.push({ step: stepName, who, text: m.text(), page: m.page()?.url(),
				source: m.location()?.url });
	});
	context.on('weberror', (e) => consoleErrors.push({ step: stepName, who, text: 'uncaught: ' + e.error().message }));
	// The browser drops the icon's request when the page moves on: that
	// is not a failure of the site.
	context.on('requestfailed', (r) => {
		if (r.failure()?.errorText === 'net::ERR_ABORTED' && /\/favicon\.svg$/.test(r.url()))
			return;
		failedRequests.push({ step: stepName, who, url: r.url(), why: r.failure()?.errorText });
	});
	context.on('response', (r) => {
		if (r.status() >= 400)
			badResponses.push({ step: stepName, who, url: r.url(), status: r.status(),
				type: r.request().resourceType() });
	});
	context.on('dialog', async (d) => {
		dialogs.push({ step: stepName, who, type: d.type(), message: d.message() });
		// A page that waits for an answer would hang the run.
		await d.dismiss().catch(() => {});
	});
	return context;
}

const watchdog = setTimeout(() => {
	ok(false, `the workflow finished within ${TOTAL_MS / 1000} s (stopped in step "${stepName}")`);
	finish();
	process.exit(1);
}, TOTAL_MS);

const t0 = Date.now();
const browser = await launchChromium(chromium, CHROMIUM, () => clearTimeout(watchdog));

const desktop = { viewport: { width: 1280, height: 800 } };
const ctx = {
	editor: watch(await browser.newContext(desktop), 'editor'),
	approver: watch(await browser.newContext(desktop), 'approver'),
	approver2: watch(await browser.newContext(desktop), 'approver2'),
	anon: watch(await browser.newContext(desktop), 'anonymous'),
};
const pg = {};
for (const k of Object.keys(ctx))
	pg[k] = await ctx[k].newPage();

const url = (p) => BASE + p;
const shot = (p, name, opts = {}) => p.screenshot({ path: path.join(OUT, name), ...opts });
const text = async (loc) => ((await loc.count()) ? ((await loc.first().textContent()) || '').trim() : '(none)');
const squash = (s) => s.replace(/\s+/g, ' ').trim();

async function notice(p) {
	return text(p.locator('main p.notice'));
}

// What the review page says about the release, from its review bar.
async function reviewState(p) {
	const bar = p.locator('.review-bar');
	return {
		state: await text(bar.locator('span.state').first()),
		online: await bar.locator('span.state-online').count() > 0,
		bar: squash(await text(bar)),
		error: await text(p.locator('#action-error')),
	};
}

async function navCount(p) {
	return text(p.locator('header.top nav a', { hasText: 'Review queue' }).locator('.count'));
}

// The history table, oldest first (the page lists the newest first).
async function history(p) {
	const rows = await p.locator('table.history tbody tr').evaluateAll((trs) => trs.map((tr) =>
		[...tr.querySelectorAll('td')].map((td) => td.textContent)
			.concat([tr.querySelector('td time')?.getAttribute('datetime') ?? ''])));
	return rows.map(([time, user, event, from, to, rev, comment, iso]) =>
		({ time, user, event, from, to, rev, comment, iso })).reverse();
}

// Click a submit button and wait until the page the form leads to has
// loaded; returns the status of the POST's response (a redirect: 302/303).
async function submit(p, button) {
	const loaded = p.waitForEvent('load');
	const resp = p.waitForResponse((r) => r.request().method() === 'POST');
	await button.click();
	const r = await resp;
	await loaded;
	return r.status();
}

// Click a link and wait for the page it leads to.
async function follow(p, link) {
	await Promise.all([p.waitForEvent('load'), link.click()]);
}

// Type into a field like a person: click it, select what is there, type.
async function typeInto(p, selector, value) {
	await p.locator(selector).click();
	await p.keyboard.press('ControlOrMeta+A');
	if (value === '')
		await p.keyboard.press('Delete');
	else
		await p.keyboard.type(value);
}

// Sign in through the form: type, Tab, type, Enter.
async function signIn(p, user, password) {
	await p.goto(url('/auth/login'));
	await p.locator('#user').click();
	await p.keyboard.type(user);
	await p.keyboard.press('Tab');
	await p.keyboard.type(password);
	await Promise.all([p.waitForURL((u) => !u.pathname.startsWith('/auth/')), p.keyboard.press('Enter')]);
	await p.waitForLoadState('load');
	is(new URL(p.url()).pathname, '/staff/', `${user} signs in and lands on /staff/`);
	like(await text(p.locator('header.top .who')), user, `the header names ${user}`);
}

// Open the review queue from the navigation and the release from the queue.
async function openFromQueue(p, who, section) {
	await follow(p, p.locator('header.top nav a', { hasText: 'Review queue' }));
	is(new URL(p.url()).pathname, '/review/', `${who}: "Review queue" in the navigation opens /review/`);
	const link = p.locator(`section[aria-labelledby="${section}"]`).locator(releaseLink());
	is(await link.count(), 1, `${who}: the release is listed once in the section "${await text(p.locator('#' + section))}"`);
	return link;
}

const releaseLink = () => `a[href$="/release/${id}"]`;

// The cells of the release's row in the "Waiting for your review" table.
async function queueRow(p) {
	const row = p.locator('section[aria-labelledby="waiting-h"] tbody tr')
		.filter({ has: p.locator(releaseLink()) });
	return (await row.first().locator('td').allTextContents()).map(squash);
}

async function openRelease(p, link) {
	await follow(p, link.first());
	is(new URL(p.url()).pathname, `/review/release/${id}`, `the queue's link opens /review/release/${id}`);
}

async function publicStatus(path_) {
	const r = await pg.anon.goto(url(path_));
	return r ? r.status() : 0;
}

const SUBMIT = 'button[name=action][value=submit]';
let id = null;
const ensure = () => {
	if (!id)
		throw new Error('no release from step 1');
};

// 1. The editor writes the release and submits it in one go.
await step('1. editor writes and submits', async () => {
	const p = pg.editor;
	await signIn(p, 'editor', 'press-editor');
	await follow(p, p.locator('header.top nav a', { hasText: 'New release' }));
	is(new URL(p.url()).pathname, '/staff/new', '1. "New release" in the navigation opens the form');
	await typeInto(p, '#title', REL.title);
	await typeInto(p, '#city', REL.city);
	await typeInto(p, '#lead', REL.lead);
	await typeInto(p, '#body', REL.body);
	await typeInto(p, '#topics', REL.topics);
	await typeInto(p, '#contacts', REL.contacts);
	const button = p.locator(SUBMIT);
	is(squash(await text(button)), 'Save and submit for review', '1. the form has "Save and submit for review"');
	const status = await submit(p, button);
	ok(status === 302 || status === 303, `1. the save answers with a redirect (status ${status})`);
	const u = new URL(p.url());
	const m = u.pathname.match(/^\/review\/release\/([^/]+)$/);
	ok(m && u.searchParams.get('m') === 'submit', `1. it leads to /review/release/ID?m=submit (${u.pathname}${u.search})`);
	id = m ? m[1] : null;
	ensure();
	is(await notice(p), 'Sent for review.', '1. the page says "Sent for review."');
	const s = await reviewState(p);
	is(s.state, 'review', '1. the release is in state review');
	like(s.bar, 'revision 1 · by editor', '1. revision 1, by editor');
	like(s.bar, 'Approvals: 0 of 2', '1. approvals: 0 of 2 (approvals_required = 2)');
	is(await text(p.locator('article.release h1.release-title')), REL.title, '1. the page shows the title as typed');
	is(await p.locator('button[value=approve]').count(), 0, '1. the author has no "Approve" button (four eyes)');
	is(await p.locator('button[value=recall]').count(), 1, '1. the author may take it back to draft');
	is(await navCount(p), '0', '1. nothing waits for the editor: the count is 0');
	const st = await publicStatus(`/release/${id}`);
	is(st, 404, `1. the public page /release/${id} is 404 before publication`);
});

// 2. The first approver asks for changes.
await step('2. approver requests changes', async () => {
	ensure();
	const p = pg.approver;
	await signIn(p, 'approver', 'press-approver');
	is(await navCount(p), '1', '2. the approver\'s "Review queue" count shows 1');
	is(await p.locator('header.top nav .count').getAttribute('aria-label'), '1 waiting',
		'2. the count is labelled "1 waiting"');
	const link = await openFromQueue(p, 'approver', 'waiting-h');
	const cells = await queueRow(p);
	is(cells[0], REL.title, '2. the queue row shows the title, ’ é – intact');
	is(cells[1], 'editor', '2. the queue row names the author');
	is(cells[4], '0 of 2', '2. the queue row says "0 of 2" approvals');
	await shot(p, 'workflow-queue.png', { fullPage: true });
	await openRelease(p, link);
	const s = await reviewState(p);
	is(s.state, 'review', '2. the review page says state review');
	const gap = await p.evaluate(() => Math.round(document.querySelector('.review-bar').getBoundingClientRect().top
		- document.querySelector('header.top').getBoundingClientRect().bottom));
	ok(gap >= 8, `2. the review bar does not touch the header (gap ${gap} px)`);
	is(await text(p.locator('article.release h1.release-title')), REL.title, '2. the release is shown as the public will see it (title)');
	is((await p.locator('article.release .lead').innerText()).trim(), REL.lead, '2. ... and lead');
	is(await p.locator('.diff-panel').count(), 0, '2. revision 1 has no "What changed" section');
	is(squash(await text(p.locator('button[value=approve]'))), 'Approve revision 1', '2. the button says "Approve revision 1"');
	is(await p.locator('button[value=reject]').count(), 1, '2. there is a "Reject" button');
	await typeInto(p, '#comment', COMMENT);
	const status = await submit(p, p.locator('button[value="request-changes"]'));
	ok(status === 302 || status === 303, `2. "Request changes" answers with a redirect (status ${status})`);
	is(await notice(p), 'Sent back to the author with your comment.', '2. the page confirms it went back to the author');
	const s2 = await reviewState(p);
	if (!is(s2.state, 'changes', '2. the state is now "changes"'))
		diag(`error on the page: ${s2.error}`);
	const h = await history(p);
	const last = h[h.length - 1] || {};
	is(`${last.user} ${last.from}→${last.to}`, 'approver review→changes', '2. the newest history line: approver, review→changes');
	is(last.comment, COMMENT, '2. the newest history line has the comment, byte for byte');
	is(await navCount(p), '0', '2. nothing waits for the approver any more');
});

// 3. The editor finds it sent back, fixes the lead and submits again.
await step('3. editor fixes and resubmits', async () => {
	ensure();
	const p = pg.editor;
	await p.goto(url('/staff/'));
	is(await navCount(p), '1', '3. the editor\'s "Review queue" count shows 1');
	const link = await openFromQueue(p, 'editor', 'returned-h');
	like(await text(p.locator('#returned-h')), 'Sent back to you', '3. the section is "Sent back to you…"');
	is(squash(await text(link)), REL.title, '3. the link is the release\'s title');
	await openRelease(p, link);
	is((await reviewState(p)).state, 'changes', '3. the editor sees state "changes"');
	like(await text(p.locator('table.history td.comment')), COMMENT, '3. the editor sees the approver\'s comment');
	await follow(p, p.locator('.review-bar a', { hasText: 'Edit' }));
	is(new URL(p.url()).pathname, `/staff/edit/${id}`, '3. "Edit" opens the edit form');
	is(await p.inputValue('#lead'), REL.lead, '3. the form has the lead as submitted');
	await typeInto(p, '#lead', FIXED_LEAD);
	is(await p.inputValue('#lead'), FIXED_LEAD, '3. the new lead is typed in');
	const status = await submit(p, p.locator(SUBMIT));
	ok(status === 302 || status === 303, `3. "Save and submit for review" answers with a redirect (status ${status})`);
	is(new URL(p.url()).pathname, `/review/release/${id}`, '3. it leads to the review page');
	is(await notice(p), 'Sent for review.', '3. the page says "Sent for review."');
	const s = await reviewState(p);
	is(s.state, 'review', '3. the release is in review again');
	like(s.bar, 'revision 2', '3. at revision 2');
});

// 4. The approver sees what changed and approves: 1 of 2.
await step('4. approver approves revision 2', async () => {
	ensure();
	const p = pg.approver;
	await p.goto(url('/staff/'));
	is(await navCount(p), '1', '4. the approver\'s count shows 1 again');
	const link = await openFromQueue(p, 'approver', 'waiting-h');
	await openRelease(p, link);
	like(await text(p.locator('#diff-h')), 'What changed since revision 1', '4. the page shows what changed since revision 1');
	const fields = (await p.locator('.diff-panel h3').allTextContents()).map(squash);
	is(fields.join(','), 'Lead paragraph', '4. only the lead changed (its label, as the edit form names it)');
	const del = await p.locator('.diff-panel pre.diff del').allTextContents();
	const ins = await p.locator('.diff-panel pre.diff ins').allTextContents();
	is(del.length, 1, '4. one line deleted');
	is(del[0], REL.lead, '4. the deleted line is the old lead');
	is(ins.length, 1, '4. one line inserted');
	is(ins[0], FIXED_LEAD, '4. the inserted line is the new lead, ’ é – intact');
	const delColor = await p.locator('.diff-panel pre.diff del').first().evaluate((e) => getComputedStyle(e).textDecorationLine);
	is(delColor, 'line-through', '4. the deleted line is struck through');
	is((await p.locator('article.release .lead').innerText()).trim(), FIXED_LEAD, '4. the release below shows the new lead');
	await shot(p, 'workflow-review-diff.png', { fullPage: true });
	const approve = p.locator('button[value=approve]');
	is(squash(await text(approve)), 'Approve revision 2', '4. the button says "Approve revision 2"');
	const status = await submit(p, approve);
	ok(status === 302 || status === 303, `4. "Approve" answers with a redirect (status ${status})`);
	is(await notice(p), 'Your approval is recorded.', '4. the page says "Your approval is recorded."');
	const s = await reviewState(p);
	like(s.bar, 'Approvals: 1 of 2 (approver)', '4. approvals: 1 of 2, by approver');
	like(s.bar, 'you approved this revision', '4. the page says "you approved this revision"');
	is(s.state, 'review', '4. with one approval of two it is still in review');
	is(await approve.count(), 0, '4. no second "Approve" for the same approver');
	is(await p.locator('#publish_at').count(), 0, '4. no "Publish" yet');
	is(await navCount(p), '0', '4. nothing waits for the approver any more');

	// The same page on a phone.
	const phone = watch(await browser.newContext({
		viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
		storageState: await ctx.approver.storageState(),
	}), 'approver (phone)');
	try {
		const q = await phone.newPage();
		await q.goto(url(`/review/release/${id}`));
		await shot(q, 'workflow-review-phone.png');
		await shot(q, 'workflow-review-phone-full.png', { fullPage: true });
		const w = await q.evaluate(() => document.documentElement.scrollWidth);
		if (!ok(w <= 390, `4. the review page fits a 390 px phone without sideways scrolling (${w} px)`)) {
			const wide = await q.evaluate(() => [...document.querySelectorAll('main *')]
				.filter((e) => e.getBoundingClientRect().right > 391)
				.filter((e) => !(e.parentElement && e.parentElement.getBoundingClientRect().right > 391))
				.slice(0, 6)
				.map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} right=${Math.round(e.getBoundingClientRect().right)}`));
			diag(`wider than the phone: ${wide.join(', ')}`);
		}
	} finally {
		await phone.close();
	}
});

// 5. The second approver approves, then publishes now.
await step('5. approver2 approves and publishes', async () => {
	ensure();
	const p = pg.approver2;
	await signIn(p, 'approver2', 'press-approver2');
	is(await navCount(p), '1', '5. approver2\'s count shows 1');
	const link = await openFromQueue(p, 'approver2', 'waiting-h');
	is((await queueRow(p))[4], '1 of 2', '5. the queue row says "1 of 2"');
	await openRelease(p, link);
	const approve = p.locator('button[value=approve]');
	is(squash(await text(approve)), 'Approve revision 2', '5. approver2 may approve revision 2');
	let status = await submit(p, approve);
	ok(status === 302 || status === 303, `5. "Approve" answers with a redirect (status ${status})`);
	let s = await reviewState(p);
	is(s.state, 'approved', '5. with two approvals the state is "approved"');
	like(s.bar, 'Approvals: 2 of 2 (approver, approver2)', '5. approvals: 2 of 2, by approver and approver2');
	const at = p.locator('#publish_at');
	is(await at.count(), 1, '5. the "Publish" form is offered');
	is(await at.getAttribute('type'), 'datetime-local', '5. "Publish at" is a datetime-local field');
	is(await at.inputValue(), '', '5. "Publish at" is empty (now)');
	status = await submit(p, p.locator('button[value=publish]'));
	ok(status === 302 || status === 303, `5. "Publish" answers with a redirect (status ${status})`);
	is(await notice(p), 'Published.', '5. the page says "Published."');
	s = await reviewState(p);
	if (!is(s.state, 'published', '5. the state is "published"'))
		diag(`error on the page: ${s.error}`);
	ok(s.online, `5. and "online" (${s.bar})`);
	like(s.bar, 'published revision 2', '5. the published revision is 2');
	is(await p.locator('.review-bar a', { hasText: 'Public page' }).getAttribute('href'), `/release/${id}`,
		'5. the review bar links to the public page');
	is(await p.locator('button[value=withdraw]').count(), 1, '5. "Withdraw from the public site" is offered');
});

// 6. Anyone may read it now.
await step('6. the public page', async () => {
	ensure();
	const p = pg.anon;
	const st = await publicStatus(`/release/${id}`);
	is(st, 200, `6. /release/${id} answers 200 to an anonymous visitor`);
	const title = await text(p.locator('article.release h1.release-title'));
	is(title, REL.title, '6. the public page shows the title');
	sameBytes(title, REL.title, '6. the title has the typed bytes (’ é –)');
	const lead = (await p.locator('article.release .lead').innerText()).trim();
	is(lead, FIXED_LEAD, '6. the public page shows the fixed lead');
	sameBytes(lead, FIXED_LEAD, '6. the lead has the typed bytes (’ é –)');
	unlike(await p.locator('main').innerText(), 'samedi 12', '6. nothing of the old lead is public');
	like(await p.title(), REL.title, '6. the browser tab is titled with the release');
	is(await p.locator('header.top nav').count(), 0, '6. the visitor sees no staff navigation');
	await shot(p, 'workflow-public.png', { fullPage: true });
	await follow(p, p.locator('header.top a.brand'));
	is(await p.locator(`.public-list > li[data-release="${id}"]`).count(), 1, '6. the public index lists it');
});

// 7. The second approver withdraws it; the history tells the whole story.
await step('7. approver2 withdraws', async () => {
	ensure();
	const p = pg.approver2;
	await p.reload();
	await typeInto(p, '#reason', REASON);
	const status = await submit(p, p.locator('button[value=withdraw]'));
	ok(status === 302 || status === 303, `7. "Withdraw" answers with a redirect (status ${status})`);
	is(await notice(p), 'Withdrawn from the public site.', '7. the page says "Withdrawn from the public site."');
	const s = await reviewState(p);
	if (!is(s.state, 'withdrawn', '7. the state is "withdrawn"'))
		diag(`error on the page: ${s.error}`);
	ok(!s.online, '7. and not online');
	if (!ok(!s.bar.includes('online since') && s.bar.includes('offline'),
	    '7. the review bar calls the withdrawn release offline, not "online since …"'))
		diag(`review bar: ${s.bar}`);
	is(await p.locator('button[value=restore]').count(), 1, '7. "Put back online" is offered');
	is(await publicStatus(`/release/${id}`), 404, `7. /release/${id} is 404 again for the visitor`);
	await pg.anon.goto(url('/'));
	is(await pg.anon.locator(`a[href$="/release/${id}"]`).count(), 0, '7. the public index no longer lists it');

	const h = await history(p);
	const got = h.map((e) => `${e.user} ${e.event}: ${e.from}→${e.to} r${e.rev}`);
	const want = [
		'editor created: draft→draft r1',
		'editor submitted for review: draft→review r1',
		'approver changes requested: review→changes r1',
		'editor edited: changes→changes r2',		// the lead fixed
		'editor submitted for review: changes→review r2',
		'approver approved: review→review r2',		// first approval
		'approver2 approved: review→approved r2',	// second approval
		'approver2 published: approved→published r2',
		'approver2 withdrawn: published→withdrawn r2',
	];
	if (!is(got.join(' | '), want.join(' | '), '7. the history lists every step in order (who, from→to, revision)'))
		diag(...got.map((l, i) => `  ${i + 1}. ${l}`));
	is(h.find((e) => e.to === 'changes' && e.from === 'review')?.comment, COMMENT, '7. the "changes" line keeps the comment');
	is(h[h.length - 1]?.comment, REASON, '7. the last step (withdrawn) has the reason, byte for byte');
	is(h.filter((e) => e.comment !== '').length, 2, '7. no other line has a comment');
	// Shown as "26 November 2026, 14:05 UTC", machine-readable in <time datetime>.
	const times = h.map((e) => e.iso);
	ok(times.every((t, i) => /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/.test(t) && (i === 0 || times[i - 1] <= t)),
		`7. the history's times are in order (${times[0]} … ${times[times.length - 1]})`);
	ok(h.every((e) => /^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/.test(e.time)),
		`7. the history's times are written for people (${h[0]?.time})`);
	is(await p.locator('table.history tbody tr').first().locator('td.comment').textContent(), REASON,
		'7. the table lists the newest first: the reason is on top');
	await shot(p, 'workflow-history.png', { fullPage: true });
});

// 8. Nothing went wrong behind the scenes.
stepName = 'end';
if (!is(dialogs.length, 0, '8. no dialog opened during the workflow'))
	diag(show(dialogs));
if (!is(failedRequests.length, 0, '8. no request failed during the workflow'))
	diag(show(failedRequests));
// The public page of an unpublished or withdrawn release is the one expected
// error status: an anonymous document request in step 1 or step 7.
const pub404 = (r) => r.status === 404 && r.who === 'anonymous' && (r.step === '1' || r.step === '7')
	&& new URL(r.url).pathname === `/release/${id}`;
const unexpected = badResponses.filter((r) => !pub404(r));
if (!is(unexpected.length, 0, '8. no unexpected error status during the workflow'))
	diag(show(unexpected));
is(badResponses.filter(pub404).length, 2, '8. exactly the two expected 404s of the public page');
const expected = (e) => e.who === 'anonymous' && (e.step === '1' || e.step === '7') && /status of 404/.test(e.text);
for (const e of consoleErrors.filter(expected))
	diag(`expected console message (step ${e.step}): ${e.text} [${e.source || e.page}]`);
const scriptErrors = consoleErrors.filter((e) => !expected(e));
if (!is(scriptErrors.length, 0, '8. no console error during the workflow'))
	diag(show(scriptErrors));

await browser.close().catch(() => {});
clearTimeout(watchdog);
diag(`timings: ${timings.join(', ')}`);
diag(`workflow: ${Date.now() - t0} ms`);
finish();
