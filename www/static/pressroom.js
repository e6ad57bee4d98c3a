/*
 * pressroom.js: comfort only. Every page works without it.
 * - byte counters beside fields with a limit (the server counts UTF-8 bytes);
 * - a warning before leaving a form with unsaved changes;
 * - uploads by drag and drop, with a progress bar.
 * Its few sentences come from the page (data-* attributes of the upload
 * form), so they are in the page's language.
 */
(function () {
	"use strict";
	var enc = window.TextEncoder ? new TextEncoder() : null;

	function bytes(s) {
		return enc ? enc.encode(s.replace(/\r?\n/g, "\n")).length : s.length;
	}

	function counter(el) {
		var max = parseInt(el.getAttribute("data-max"), 10);
		var out = document.createElement("span");
		out.className = "counter";
		out.setAttribute("aria-live", "polite");
		el.insertAdjacentElement("afterend", out);
		function update() {
			var n = bytes(el.value);
			out.textContent = n + " / " + max;
			out.classList.toggle("over", n > max);
		}
		el.addEventListener("input", update);
		update();
	}

	/* Send the upload form with XMLHttpRequest to show its progress. */
	function uploads(form) {
		var input = form.querySelector("input[type=file]");
		var zone = form.querySelector(".drop-zone");
		var bar = form.querySelector(".upload-progress");
		var status = form.querySelector(".upload-status");

		if (!window.FormData || !window.XMLHttpRequest)
			return;
		form.addEventListener("submit", function (e) {
			var xhr = new XMLHttpRequest();

			if (!input.files || input.files.length === 0)
				return;		/* the server says what is missing */
			e.preventDefault();
			xhr.open("POST", form.action);
			xhr.upload.addEventListener("progress", function (p) {
				if (p.lengthComputable) {
					bar.hidden = false;
					bar.value = Math.round(100 * p.loaded / p.total);
				}
			});
			xhr.addEventListener("load", function () {
				var doc, msg;

				if (xhr.status === 200 && xhr.responseURL) {
					/* The redirect's #fragment is not in responseURL. */
					window.location.assign(xhr.responseURL.split("#")[0] +
					    "#attachments");
					return;
				}
				bar.hidden = true;
				doc = new DOMParser().parseFromString(xhr.responseText,
				    "text/html");
				/* The refusal's sentence, then one line per file. */
				msg = [].slice.call(doc.querySelectorAll(
				    "main .error, main .problems li")).map(function (n) {
					return n.textContent.trim();
				});
				status.textContent = msg.length > 0 ? msg.join("\n") :
				    form.getAttribute("data-failed") + " (" +
				    xhr.status + ")";
			});
			xhr.addEventListener("error", function () {
				bar.hidden = true;
				status.textContent =
				    form.getAttribute("data-interrupted");
			});
			status.textContent = form.getAttribute("data-uploading");
			xhr.send(new FormData(form));	/* csrf is the first field */
		});
		if (!zone)
			return;
		zone.addEventListener("dragover", function (e) {
			e.preventDefault();
			zone.classList.add("dragging");
		});
		zone.addEventListener("dragleave", function () {
			zone.classList.remove("dragging");
		});
		zone.addEventListener("drop", function (e) {
			e.preventDefault();
			zone.classList.remove("dragging");
			input.files = e.dataTransfer.files;
			form.requestSubmit ? form.requestSubmit() : form.submit();
		});
	}

	/* Buttons that undo work ask first; without JavaScript they just act. */
	document.addEventListener("click", function (e) {
		var b = e.target.closest && e.target.closest("button[data-confirm]");

		if (b && !window.confirm(b.getAttribute("data-confirm")))
			e.preventDefault();
	});

	document.addEventListener("DOMContentLoaded", function () {
		var up = document.querySelectorAll("form.upload-form");
		for (var u = 0; u < up.length; u++)
			uploads(up[u]);
		var fields = document.querySelectorAll("[data-max]");
		for (var i = 0; i < fields.length; i++)
			counter(fields[i]);

		var form = document.querySelector("form.release-form");
		if (!form)
			return;
		var dirty = false;
		form.addEventListener("input", function () { dirty = true; });
		form.addEventListener("submit", function () { dirty = false; });
		window.addEventListener("beforeunload", function (e) {
			if (dirty) {
				e.preventDefault();
				e.returnValue = "";
			}
		});
	});
})();
