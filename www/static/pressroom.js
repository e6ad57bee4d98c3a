/*
 * pressroom.js: comfort only. Every page works without it.
 * - byte counters beside fields with a limit (the server counts UTF-8 bytes);
 * - a warning before leaving a form with unsaved changes.
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

	document.addEventListener("DOMContentLoaded", function () {
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
