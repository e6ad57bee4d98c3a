// tap.mjs: TAP output for the browser tests.
//
// ok/is/like/unlike/sameBytes each print one "ok N - ..." or "not ok N -
// ...", with diagnostics that show where two strings first differ;
// finish() prints the plan last and sets the exit status.
let n = 0;
let failed = 0;

export function diag(...lines) {
	for (const l of lines.join(' ').split('\n'))
		console.log('# ' + l);
}

export function ok(cond, name) {
	n++;
	// '#' starts a TAP directive: keep it out of descriptions.
	name = String(name).replace(/#/g, 'no.').replace(/\n/g, ' ');
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
	if (!cond)
		failed++;
	return !!cond;
}

export function show(v) {
	const s = JSON.stringify(v);
	return s === undefined ? String(v) : s.length > 400 ? s.slice(0, 400) + '…' : s;
}

export function is(got, want, name) {
	if (ok(got === want, name))
		return true;
	if (typeof got === 'string' && typeof want === 'string') {
		let i = 0;
		while (i < got.length && i < want.length && got[i] === want[i])
			i++;
		diag(`first difference at index ${i} (got length ${got.length}, want length ${want.length})`);
		diag(`got:  ${show(got.slice(Math.max(0, i - 20), i + 40))}`);
		diag(`want: ${show(want.slice(Math.max(0, i - 20), i + 40))}`);
	} else {
		diag(`got:  ${show(got)}`);
		diag(`want: ${show(want)}`);
	}
	return false;
}

export function like(hay, needle, name) {
	if (ok(typeof hay === 'string' && hay.includes(needle), name))
		return true;
	diag(`${show(needle)} not found in: ${show(hay)}`);
	return false;
}

export function unlike(hay, needle, name) {
	if (ok(typeof hay === 'string' && !hay.includes(needle), name))
		return true;
	diag(`${show(needle)} unexpectedly found in: ${show(hay)}`);
	return false;
}

// The string's UTF-8 bytes against the wanted bytes (a Buffer or a string).
export function sameBytes(gotStr, want, name) {
	const got = Buffer.from(gotStr, 'utf8');
	const wantBuf = Buffer.isBuffer(want) ? want : Buffer.from(want, 'utf8');
	if (ok(got.equals(wantBuf), name))
		return true;
	let i = 0;
	while (i < got.length && i < wantBuf.length && got[i] === wantBuf[i])
		i++;
	diag(`first differing byte at offset ${i} (got ${got.length} bytes, want ${wantBuf.length})`);
	diag(`got:  ${got.subarray(Math.max(0, i - 8), i + 16).toString('hex')}`);
	diag(`want: ${wantBuf.subarray(Math.max(0, i - 8), i + 16).toString('hex')}`);
	return false;
}

export function finish() {
	console.log(`1..${n}`);
	process.exitCode = failed === 0 ? 0 : 1;
}

// Debian's Chromium, headless, with the flags a closed network needs;
// playwright gives it a fresh temporary profile and removes it at close.
// If it does not start, that is one failed check, the plan, and exit 1.
export async function launchChromium(chromium, executablePath, onFail) {
	const t0 = Date.now();
	try {
		const browser = await chromium.launch({
			executablePath,
			headless: true,
			timeout: 20000,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
				'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		diag(`chromium ${browser.version()} started in ${Date.now() - t0} ms`);
		return browser;
	} catch (e) {
		ok(false, `chromium starts (${executablePath})`);
		diag(String(e && e.message || e).split('\n').slice(0, 10).join('\n'));
		if (onFail)
			onFail();
		finish();
		process.exit(1);
	}
}
